package org.vipboutiques.recon.mlem;

/**
 * Settings of MLEM (one subset) and OSEM: the number of full passes over the data, the number of
 * interleaved view subsets, a known additive background per bin (randoms and scatter, >= 0), and
 * whether to record the Poisson log-likelihood after each pass (costs one extra projection per pass
 * for OSEM).
 */
public record EmParameters(int iterations, int subsets, double background, boolean trackLikelihood) {
  public EmParameters {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive, got " + iterations);
    }
    if (subsets < 1) {
      throw new IllegalArgumentException("subsets must be positive, got " + subsets);
    }
    if (!(background >= 0) || Double.isInfinite(background)) {
      throw new IllegalArgumentException("background must be finite and non-negative, got " + background);
    }
  }

  /** Plain MLEM with likelihood tracking. */
  public static EmParameters mlem(int iterations) {
    return new EmParameters(iterations, 1, 0, true);
  }

  /** OSEM with likelihood tracking. */
  public static EmParameters osem(int iterations, int subsets) {
    return new EmParameters(iterations, subsets, 0, true);
  }
}
