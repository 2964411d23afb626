package org.vipboutiques.zenodo;

import java.util.Objects;
import org.vipboutiques.BoutiquesException;

/** Zenodo could not give a descriptor or a search: the kind says whether trying later may help. */
public final class ZenodoException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** Not a Zenodo id ({@code zenodo.1234567}). */
    INVALID_ID,
    /** No such record (HTTP 404, or no Boutiques descriptor with that id). */
    NOT_FOUND,
    /** The server could not be reached and the descriptor is not in the cache. */
    UNREACHABLE,
    /** Too many requests (HTTP 429) and the server asked to wait longer than allowed, or kept asking. */
    RATE_LIMITED,
    /** The server failed (HTTP 5xx) on every try, or answered with an unexpected status. */
    SERVER_ERROR,
    /** The answer was cut short, larger than the limit, or not what Zenodo sends. */
    BAD_RESPONSE,
    /** The cache folder could not be written. */
    CACHE
  }

  private final Kind kind;

  public ZenodoException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public ZenodoException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}
