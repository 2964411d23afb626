package org.vipboutiques.recon.cuda;

import org.vipboutiques.recon.ReconstructionException;

/** A CUDA or cuFFT call failed while the CUDA back end was running; the message names the step. */
public class CudaBackendException extends ReconstructionException {
  private static final long serialVersionUID = 1L;

  public CudaBackendException(String message, Throwable cause) {
    super(message, cause);
  }

  public CudaBackendException(String message) {
    super(message);
  }
}
