package org.vipboutiques.recon.backend;

import org.vipboutiques.recon.ReconstructionException;

/** A back end was requested explicitly but cannot run here; the message says why. */
public class BackendUnavailableException extends ReconstructionException {
  private static final long serialVersionUID = 1L;

  public BackendUnavailableException(String message) {
    super(message);
  }
}
