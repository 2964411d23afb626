package org.vipboutiques.recon.fbp;

/**
 * Detector rows prepared for fast linear interpolation: for padded bin m, entry 2m holds
 * q[m] - m * (q[m+1] - q[m]) and entry 2m+1 the slope q[m+1] - q[m], so that the value at fractional
 * position s (m = floor s) is one fused multiply-add, entry(2m) + s * entry(2m+1), with no fraction to
 * compute. The intercept is formed in double so that its rounding stays at float precision of the
 * result's magnitude times the bin index.
 */
final class InterpolationTable {
  private InterpolationTable() {
  }

  /** Size of the table for all views of one slice. */
  static int size(SliceLayout layout) {
    return 2 * layout.rowLength * layout.views;
  }

  /**
   * Writes view k of the table from {@code bins} detector samples data[offset ..] (multiplied by
   * {@code scale}).
   */
  static void fill(float[] table, SliceLayout layout, int k, float[] data, int offset, float scale) {
    int base = 2 * layout.rowLength * k;
    int pad = layout.pad;
    int bins = layout.bins;
    for (int m = 0; m < layout.rowLength; m++) {
      int b = m - pad;
      double q0 = b >= 0 && b < bins ? (double) data[offset + b] * scale : 0;
      double q1 = b + 1 >= 0 && b + 1 < bins ? (double) data[offset + b + 1] * scale : 0;
      double slope = (float) (q1 - q0);
      table[base + 2 * m] = (float) (q0 - m * slope);
      table[base + 2 * m + 1] = (float) slope;
    }
  }
}
