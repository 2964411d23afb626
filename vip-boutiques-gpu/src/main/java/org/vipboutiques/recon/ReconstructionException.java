package org.vipboutiques.recon;

/** Base of the typed exceptions thrown by the reconstruction module; the message says what failed and why. */
public class ReconstructionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReconstructionException(String message) {
    super(message);
  }

  public ReconstructionException(String message, Throwable cause) {
    super(message, cause);
  }
}
