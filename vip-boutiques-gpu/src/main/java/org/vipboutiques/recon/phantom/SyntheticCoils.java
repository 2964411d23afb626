package org.vipboutiques.recon.phantom;

/**
 * Smooth complex coil sensitivities with exact Fourier transforms: coil c has
 * S_c(x, y) = sum over p, q in {-1, 0, 1} of w_cpq exp(2 pi i (p x + q y) / fov), so its k-space is a
 * weighted sum of the object's k-space shifted by whole grid steps. Coils sit around the object at
 * angles 2 pi c / count; each is more sensitive on its own side.
 */
public final class SyntheticCoils {
  private final int count;
  private final double[][] weightsRe;
  private final double[][] weightsIm;

  private SyntheticCoils(int count) {
    this.count = count;
    weightsRe = new double[count][9];
    weightsIm = new double[count][9];
    for (int c = 0; c < count; c++) {
      double alpha = 2 * Math.PI * c / count;
      for (int q = -1; q <= 1; q++) {
        for (int p = -1; p <= 1; p++) {
          int w = (q + 1) * 3 + (p + 1);
          if (p == 0 && q == 0) {
            weightsRe[c][w] = 1;
            continue;
          }
          // A quarter-period phase lag towards the coil's side tilts |S_c| up on that side.
          double ph = -0.5 * Math.PI * (p * Math.cos(alpha) + q * Math.sin(alpha)) + 0.3 * c;
          double amp = p != 0 && q != 0 ? 0.12 : 0.25;
          weightsRe[c][w] = amp * StrictMath.cos(ph);
          weightsIm[c][w] = amp * StrictMath.sin(ph);
        }
      }
    }
  }

  /** {@code count} coils (1 gives a single coil with uniform sensitivity in amplitude ripple). */
  public static SyntheticCoils of(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("coil count must be positive, got " + count);
    }
    return new SyntheticCoils(count);
  }

  public int count() {
    return count;
  }

  /** Weight of the shift (p, q), p and q in {-1, 0, 1}: {re, im}. */
  double[] weight(int coil, int p, int q) {
    int w = (q + 1) * 3 + (p + 1);
    return new double[] {weightsRe[coil][w], weightsIm[coil][w]};
  }

  /** |S_c(x, y)|^2 summed over coils: the square of the root-sum-of-squares gain at (x, y). */
  public double sumOfSquares(double x, double y, double fov) {
    double sum = 0;
    for (int c = 0; c < count; c++) {
      double re = 0;
      double im = 0;
      for (int q = -1; q <= 1; q++) {
        for (int p = -1; p <= 1; p++) {
          int w = (q + 1) * 3 + (p + 1);
          double ph = 2 * Math.PI * (p * x + q * y) / fov;
          double cr = StrictMath.cos(ph);
          double ci = StrictMath.sin(ph);
          re += weightsRe[c][w] * cr - weightsIm[c][w] * ci;
          im += weightsRe[c][w] * ci + weightsIm[c][w] * cr;
        }
      }
      sum += re * re + im * im;
    }
    return sum;
  }
}
