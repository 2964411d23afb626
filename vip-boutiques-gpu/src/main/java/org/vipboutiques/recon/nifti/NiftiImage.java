package org.vipboutiques.recon.nifti;

import org.vipboutiques.recon.volume.ComplexVolume;
import org.vipboutiques.recon.volume.Spacing;
import org.vipboutiques.recon.volume.Volume;

/**
 * A NIfTI-1 header with its voxel values as float32, scl_slope and scl_inter already applied
 * (interleaved re, im for complex64). The value array is shared with the volumes made from it.
 */
public record NiftiImage(NiftiHeader header, float[] values) {
  public NiftiImage {
    if (header == null || values == null) {
      throw new IllegalArgumentException("header and values are required");
    }
    long expected = header.voxelCount() * (header.dataType().isComplex() ? 2 : 1);
    if (values.length != expected) {
      throw new IllegalArgumentException("expected " + expected + " values for " + header.dims() + ", got " + values.length);
    }
  }

  /** The real image as a volume (dimensions beyond the third must be 1). */
  public Volume toVolume() {
    if (header.dataType().isComplex()) {
      throw new NiftiFormatException("complex data: read it as k-space, not as an image");
    }
    for (int a = 3; a < header.dims().size(); a++) {
      if (header.dim(a) != 1) {
        throw new NiftiFormatException("expected at most 3 dimensions, got " + header.dims());
      }
    }
    return Volume.wrap(header.dim(0), header.dim(1), header.dim(2), spacing(), values);
  }

  /** Complex data as nx x ny x nz x channels (dimension 4 = coils). */
  public ComplexVolume toComplexVolume() {
    if (!header.dataType().isComplex()) {
      throw new NiftiFormatException("expected complex64 k-space, got " + header.dataType());
    }
    for (int a = 4; a < header.dims().size(); a++) {
      if (header.dim(a) != 1) {
        throw new NiftiFormatException("expected at most 4 dimensions (x, y, z, coil), got " + header.dims());
      }
    }
    return ComplexVolume.wrap(header.dim(0), header.dim(1), header.dim(2), header.dim(3), spacing(), values);
  }

  private Spacing spacing() {
    return new Spacing(header.pixdim(0), header.pixdim(1), header.pixdim(2));
  }
}
