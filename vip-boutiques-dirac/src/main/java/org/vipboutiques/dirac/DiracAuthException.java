package org.vipboutiques.dirac;

/** No usable DiracX credentials: none found, expired beyond refresh, or refused. The message says how to log in. */
public final class DiracAuthException extends DiracException {

  private static final long serialVersionUID = 1L;

  public DiracAuthException(String message) {
    super(message, false, false, 401, null);
  }

  public DiracAuthException(String message, Throwable cause) {
    super(message, false, false, 401, cause);
  }
}
