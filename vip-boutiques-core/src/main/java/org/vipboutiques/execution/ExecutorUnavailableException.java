package org.vipboutiques.execution;

import org.vipboutiques.BoutiquesException;

/** An executor that cannot work here, or was not found; the message says why and what was tried. */
public final class ExecutorUnavailableException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  public ExecutorUnavailableException(String message) {
    super(message);
  }

  public ExecutorUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
