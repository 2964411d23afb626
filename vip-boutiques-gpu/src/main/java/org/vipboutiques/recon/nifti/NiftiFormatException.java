package org.vipboutiques.recon.nifti;

import org.vipboutiques.recon.ReconstructionException;

/** A file that is not valid NIfTI-1, or a NIfTI-1 feature this reader does not support. */
public class NiftiFormatException extends ReconstructionException {
  private static final long serialVersionUID = 1L;

  public NiftiFormatException(String message) {
    super(message);
  }

  public NiftiFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
