package org.vipboutiques.recon.geometry;

/**
 * A line detector of {@code count} bins; bin b has its centre at
 * s = (b - (count - 1) / 2) * spacing + offset, so with offset 0 the rotation axis projects between
 * the two middle bins for even counts.
 */
public record DetectorRow(int count, double spacing, double offset) {
  public DetectorRow {
    if (count < 1) {
      throw new IllegalArgumentException("detector bin count must be positive, got " + count);
    }
    if (!(spacing > 0) || Double.isInfinite(spacing)) {
      throw new IllegalArgumentException("detector spacing must be finite and positive, got " + spacing);
    }
    if (!Double.isFinite(offset)) {
      throw new IllegalArgumentException("detector offset must be finite, got " + offset);
    }
  }

  /** A centred detector (offset 0). */
  public static DetectorRow centred(int count, double spacing) {
    return new DetectorRow(count, spacing, 0);
  }

  public double position(int bin) {
    return (bin - (count - 1) / 2.0) * spacing + offset;
  }

  /** Fractional bin index of detector coordinate s (inverse of {@link #position(int)}). */
  public double binOf(double s) {
    return (s - offset) / spacing + (count - 1) / 2.0;
  }
}
