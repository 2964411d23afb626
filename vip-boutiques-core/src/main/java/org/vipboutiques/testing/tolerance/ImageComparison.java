package org.vipboutiques.testing.tolerance;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares a NIfTI-1 image with a reference image of the same shape, voxel by voxel, over every
 * voxel or over the non-zero voxels of a mask of that shape. The three files are streamed side
 * by side: memory does not grow with the images.
 */
public final class ImageComparison {

  private ImageComparison() {}

  /**
   * The errors of {@code image} against {@code reference}.
   *
   * @throws ComparisonException a file unreadable, not NIfTI-1, beyond the limits, or of another shape; an empty mask
   */
  public static ImageErrors compare(Path image, Path reference, Optional<Path> mask, ComparisonLimits limits)
      throws ComparisonException {
    Objects.requireNonNull(mask, "mask");
    try (NiftiValues x = NiftiValues.open(image, limits.maxVoxels());
        NiftiValues r = NiftiValues.open(reference, limits.maxVoxels());
        NiftiValues m = mask.isPresent() ? NiftiValues.open(mask.get(), limits.maxVoxels()) : null) {
      if (!x.shape().equals(r.shape())) {
        throw new ComparisonException(image + " is " + x.shapeText() + ", its reference " + reference + " is "
            + r.shapeText());
      }
      if (m != null && !m.shape().equals(r.shape())) {
        throw new ComparisonException("the mask " + m.path() + " is " + m.shapeText() + ", the reference " + reference
            + " is " + r.shapeText());
      }
      double se = 0;
      double st = 0;
      double max = 0;
      long n = 0;
      for (long i = 0; i < x.voxels(); i++) {
        double a = x.next();
        double b = r.next();
        if (m != null && m.next() == 0) {
          continue;
        }
        n++;
        if (Double.isNaN(a) && Double.isNaN(b) || a == b) {
          st += Double.isNaN(b) || Double.isInfinite(b) ? 0 : b * b;
          continue;
        }
        double d = Math.abs(a - b);
        if (Double.isNaN(d)) {
          d = Double.POSITIVE_INFINITY;
        }
        se += d * d;
        st += Double.isFinite(b) ? b * b : Double.POSITIVE_INFINITY;
        max = Math.max(max, d);
      }
      if (n == 0) {
        throw new ComparisonException("the mask " + mask.get() + " has no non-zero voxel: nothing to compare");
      }
      double nmse = se == 0 ? 0 : st > 0 ? se / st : Double.POSITIVE_INFINITY;
      return new ImageErrors(n, Math.sqrt(se / n), nmse, max);
    }
  }
}
