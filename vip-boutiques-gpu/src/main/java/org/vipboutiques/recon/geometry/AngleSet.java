package org.vipboutiques.recon.geometry;

import java.util.Arrays;

/**
 * Projection angles in radians, measured from the +x axis towards +y (counter-clockwise with y up).
 * Immutable: the array is copied in and out.
 */
public final class AngleSet {
  private final double[] radians;

  private AngleSet(double[] radians) {
    this.radians = radians;
  }

  /** The given angles, in radians. */
  public static AngleSet of(double... radians) {
    if (radians == null || radians.length == 0) {
      throw new IllegalArgumentException("at least one angle is required");
    }
    for (double r : radians) {
      if (!Double.isFinite(r)) {
        throw new IllegalArgumentException("angles must be finite, got " + r);
      }
    }
    return new AngleSet(radians.clone());
  }

  /** {@code count} angles start + k * span / count, k = 0..count-1 (the end point is excluded). */
  public static AngleSet uniform(int count, double startRadians, double spanRadians) {
    if (count < 1) {
      throw new IllegalArgumentException("angle count must be positive, got " + count);
    }
    if (!Double.isFinite(startRadians) || !Double.isFinite(spanRadians) || spanRadians == 0) {
      throw new IllegalArgumentException("start and span must be finite, span non-zero");
    }
    double[] r = new double[count];
    for (int k = 0; k < count; k++) {
      r[k] = startRadians + k * spanRadians / count;
    }
    return new AngleSet(r);
  }

  /** Uniform over [0, pi): the parallel-beam default. */
  public static AngleSet halfTurn(int count) {
    return uniform(count, 0, Math.PI);
  }

  /** Uniform over [0, 2 pi): the cone-beam default. */
  public static AngleSet fullTurn(int count) {
    return uniform(count, 0, 2 * Math.PI);
  }

  public int count() {
    return radians.length;
  }

  public double get(int k) {
    return radians[k];
  }

  public double[] toArray() {
    return radians.clone();
  }

  /** The subset k = first, first + stride, ... (OSEM subsets interleave angles this way). */
  public AngleSet every(int stride, int first) {
    if (stride < 1 || first < 0 || first >= Math.min(stride, radians.length)) {
      throw new IllegalArgumentException("bad subset: stride " + stride + ", first " + first);
    }
    int n = (radians.length - first + stride - 1) / stride;
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = radians[first + i * stride];
    }
    return new AngleSet(r);
  }

  /** cos of each angle as float, computed with StrictMath so that outputs are bit-reproducible. */
  public float[] cosines() {
    float[] c = new float[radians.length];
    for (int k = 0; k < c.length; k++) {
      c[k] = (float) StrictMath.cos(radians[k]);
    }
    return c;
  }

  /** sin of each angle as float (StrictMath, see {@link #cosines()}). */
  public float[] sines() {
    float[] s = new float[radians.length];
    for (int k = 0; k < s.length; k++) {
      s[k] = (float) StrictMath.sin(radians[k]);
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AngleSet other && Arrays.equals(radians, other.radians);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(radians);
  }

  @Override
  public String toString() {
    return radians.length == 1
        ? "AngleSet[" + radians[0] + "]"
        : "AngleSet[" + radians.length + " angles, " + radians[0] + " .. " + radians[radians.length - 1] + " rad]";
  }
}
