package org.vipboutiques.descriptor;

import java.util.Objects;
import java.util.Optional;

/**
 * A test's numeric comparison of an output file with a reference file ({@code "vip:reference"}
 * in an entry of a test's {@code output-files}): for NIfTI images, bounds on the RMSE, the NMSE
 * ({@code ||x - r||^2 / ||r||^2}) and the largest absolute difference, over every voxel or the
 * non-zero voxels of a mask; for text tables, a relative and an absolute tolerance per cell.
 * A bound that is not given is not checked; at least one is given.
 *
 * @param file the reference file, relative to the descriptor's folder
 * @param format how both files are read
 * @param mask a NIfTI mask (relative to the descriptor's folder): only its non-zero voxels count
 */
public record ReferenceComparison(
    String file,
    ComparisonFormat format,
    Optional<String> mask,
    Optional<Double> maxRmse,
    Optional<Double> maxNmse,
    Optional<Double> maxAbs,
    Optional<Double> relativeTolerance,
    Optional<Double> absoluteTolerance) {

  /** The key of the comparison in an entry of a test's {@code output-files}. */
  public static final String KEY = "vip:reference";

  public ReferenceComparison {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(mask, "mask");
    Objects.requireNonNull(maxRmse, "maxRmse");
    Objects.requireNonNull(maxNmse, "maxNmse");
    Objects.requireNonNull(maxAbs, "maxAbs");
    Objects.requireNonNull(relativeTolerance, "relativeTolerance");
    Objects.requireNonNull(absoluteTolerance, "absoluteTolerance");
  }
}
