package org.vipboutiques.execution;

import org.vipboutiques.BoutiquesException;

/** A job request that cannot run as asked; nothing was started. */
public final class JobRejectedException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  public JobRejectedException(String message) {
    super(message);
  }

  public JobRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
