package org.vipboutiques.recon.nifti;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.vipboutiques.recon.volume.ComplexVolume;
import org.vipboutiques.recon.volume.Volume;

/**
 * Writes single-file NIfTI-1 ({@code .nii}; gzip-compressed when the name ends in {@code .gz}),
 * little-endian. Integer types get scl_slope/scl_inter chosen from the data range, unless every
 * value is already an integer that fits, which is then stored exactly with slope 1.
 */
public final class NiftiWriter {
  private NiftiWriter() {
  }

  /** An image on the module's centred grid (qform = sform, millimetres). */
  public static void writeImage(Path path, Volume image, NiftiDataType type, String description,
      Optional<String> comment) {
    NiftiHeader h = NiftiHeader.centredImage(List.of(image.nx(), image.ny(), image.nz()), image.spacing(), type,
        description, comment);
    write(path, h, image.data());
  }

  /** Non-spatial data (sinograms, projections) with explicit pixdims and an intent name. */
  public static void writeData(Path path, Volume data, List<Double> pixdims, String intentName, String description,
      Optional<String> comment) {
    NiftiHeader h = NiftiHeader.data(List.of(data.nx(), data.ny(), data.nz()), pixdims, NiftiDataType.FLOAT32,
        intentName, description, comment);
    write(path, h, data.data());
  }

  /** Complex64 k-space, nx x ny x nz x coils. */
  public static void writeKSpace(Path path, ComplexVolume kspace, String description, Optional<String> comment) {
    NiftiHeader h = NiftiHeader.data(List.of(kspace.nx(), kspace.ny(), kspace.nz(), kspace.channels()),
        List.of(kspace.spacing().dx(), kspace.spacing().dy(), kspace.spacing().dz(), 1.0), NiftiDataType.COMPLEX64,
        "kspace", description, comment);
    write(path, h, kspace.data());
  }

  /** Writes {@code values} (physical values; interleaved for complex64) under {@code header}. */
  public static void write(Path path, NiftiHeader header, float[] values) {
    NiftiHeader h = header;
    double slope = 1;
    double inter = 0;
    if (header.dataType().isInteger()) {
      double[] scale = integerScaling(values, header.dataType());
      slope = scale[0];
      inter = scale[1];
      h = header.withStorage(header.dataType(), slope, inter);
    }
    if (!header.dataType().isComplex()) {
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (float v : values) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      if (min <= max) {
        h = h.withCalibration(min, max);
      }
    }
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      boolean gzip = path.getFileName().toString().endsWith(".gz");
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
          OutputStream out = gzip ? new GZIPOutputStream(file, 1 << 16) : file) {
        out.write(NiftiHeaderCodec.encode(h).array());
        VoxelCodec.encode(out, h.dataType(), values, slope, inter);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** {slope, inter} mapping the data range onto the integer type (identity for integral data that fit). */
  static double[] integerScaling(float[] values, NiftiDataType type) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    boolean integral = true;
    for (float v : values) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("cannot store non-finite value " + v + " as " + type);
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
      integral &= v == Math.rint(v);
    }
    if (values.length == 0 || integral && min >= type.min() && max <= type.max()) {
      return new double[] {1, 0};
    }
    if (max == min) {
      return new double[] {1, (float) min};
    }
    // Rounded to float32 as the header stores them, so that reading back uses the very same numbers.
    double slope = (float) ((max - min) / (type.max() - type.min()));
    return new double[] {slope, (float) (min - type.min() * slope)};
  }
}
