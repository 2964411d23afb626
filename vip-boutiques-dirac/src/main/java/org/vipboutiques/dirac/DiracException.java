package org.vipboutiques.dirac;

import java.util.Optional;
import org.vipboutiques.BoutiquesException;

/**
 * A DIRAC operation that failed: the service or command refused it, could not be reached, or
 * answered something unreadable. {@link #retryable()} tells whether trying again may help;
 * {@link #ambiguous()} that the request may have taken effect although no answer came (a
 * submission then must be reconciled, never blindly repeated).
 */
public class DiracException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private final boolean ambiguous;
  private final int httpStatus;

  public DiracException(String message) {
    this(message, false, false, 0, null);
  }

  public DiracException(String message, Throwable cause) {
    this(message, false, false, 0, cause);
  }

  public DiracException(String message, boolean retryable, boolean ambiguous, int httpStatus, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.ambiguous = ambiguous;
    this.httpStatus = httpStatus;
  }

  public boolean retryable() {
    return retryable;
  }

  public boolean ambiguous() {
    return ambiguous;
  }

  /** The HTTP status of the answer, when there was one. */
  public Optional<Integer> httpStatus() {
    return httpStatus == 0 ? Optional.empty() : Optional.of(httpStatus);
  }
}
