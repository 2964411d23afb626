package org.vipboutiques.execution;

/** A job request that cannot run as asked; nothing was started. */
public final class JobRejectedException extends Exception {

  private static final long serialVersionUID = 1L;

  public JobRejectedException(String message) {
    super(message);
  }

  public JobRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
