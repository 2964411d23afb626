package org.vipboutiques.recon.mlem;

/** The Poisson log-likelihood of counts y given means ybar, without the constant -log(y!) term. */
public final class PoissonLikelihood {
  private PoissonLikelihood() {
  }

  /**
   * sum over bins of y log(ybar) - ybar, accumulated in double; a bin with ybar &le; 0 and y > 0 makes it
   * -infinity, one with y = 0 contributes -ybar.
   */
  public static double of(float[] counts, float[] means) {
    if (counts.length != means.length) {
      throw new IllegalArgumentException("counts and means differ in length: " + counts.length + " vs " + means.length);
    }
    double sum = 0;
    for (int i = 0; i < counts.length; i++) {
      double y = counts[i];
      double m = means[i];
      if (y > 0) {
        sum += m > 0 ? y * Math.log(m) - m : Double.NEGATIVE_INFINITY;
      } else {
        sum -= m;
      }
    }
    return sum;
  }
}
