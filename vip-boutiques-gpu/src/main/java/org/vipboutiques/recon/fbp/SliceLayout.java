package org.vipboutiques.recon.fbp;

import org.vipboutiques.recon.geometry.ParallelBeamGeometry;

/**
 * Where pixel (i, j) lands on the detector at each view, in padded-bin units: s = i * step[k] +
 * start(j, k). Rows of detector data are stored with {@code pad} zero bins on each side, wide enough
 * that every pixel of the image falls inside the padded row at every angle, so the inner loops need no
 * range test. Shared by the projector and back-projector so that they are exact adjoints.
 */
final class SliceLayout {
  final int nx;
  final int ny;
  final int bins;
  final int views;
  final int pad;
  /** Padded row length: bins plus pad on each side, plus one for the right-hand interpolation neighbour. */
  final int rowLength;
  final float[] step;
  /** 1 / step, or 0 for views along which s does not change with i. */
  private final double[] inverseStep;
  private final double[] startX;
  private final double[] startY;

  SliceLayout(ParallelBeamGeometry g) {
    nx = g.image().nx();
    ny = g.image().ny();
    bins = g.bins();
    views = g.views();
    double ds = g.detector().spacing();
    double h = g.image().pixelSize();
    pad = (int) Math.ceil((g.image().halfDiagonal() + Math.abs(g.detector().offset())) / ds) + 2;
    rowLength = bins + 2 * pad + 1;
    step = new float[views];
    startX = new double[views];
    startY = new double[views];
    inverseStep = new double[views];
    float[] cos = g.angles().cosines();
    float[] sin = g.angles().sines();
    double centreBin = (bins - 1) / 2.0 + pad - g.detector().offset() / ds;
    for (int k = 0; k < views; k++) {
      step[k] = (float) (h * cos[k] / ds);
      inverseStep[k] = step[k] == 0 ? 0 : 1.0 / step[k];
      startX[k] = g.image().x(0) * cos[k] / ds + centreBin;
      startY[k] = h * sin[k] / ds;
    }
  }

  /** Padded-bin coordinate of pixel (0, j) at view k. */
  float start(int j, int k) {
    return (float) (startX[k] + (j - (ny - 1) / 2.0) * startY[k]);
  }

  /**
   * First pixel index i at which view k can contribute on a row whose pixel 0 lands at {@code s0}
   * ({@link #start}): where the footprint touches the detector, clamped to [0, nx).
   */
  int first(float s0, int k) {
    double inv = inverseStep[k];
    if (inv == 0) {
      return inside(s0) ? 0 : nx;
    }
    double a = (pad - 1 - s0) * inv;
    double b = (pad + bins - s0) * inv;
    return (int) Math.max(0, Math.floor(Math.min(a, b)));
  }

  /** Last pixel index i (inclusive) at which view k can contribute, clamped to [-1, nx); see {@link #first}. */
  int last(float s0, int k) {
    double inv = inverseStep[k];
    if (inv == 0) {
      return inside(s0) ? nx - 1 : -1;
    }
    double a = (pad - 1 - s0) * inv;
    double b = (pad + bins - s0) * inv;
    return (int) Math.min(nx - 1, Math.ceil(Math.max(a, b)));
  }

  private boolean inside(double s) {
    return s > pad - 1 && s < pad + bins;
  }
}
