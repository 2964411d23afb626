package org.vipboutiques.testing.tolerance;

import org.vipboutiques.BoutiquesException;

/** A file that cannot be compared: unreadable, not the format expected, beyond a limit, of another shape. */
public final class ComparisonException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  public ComparisonException(String message) {
    super(message);
  }

  public ComparisonException(String message, Throwable cause) {
    super(message, cause);
  }
}
