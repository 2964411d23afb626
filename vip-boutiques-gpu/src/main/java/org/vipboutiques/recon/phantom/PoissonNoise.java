package org.vipboutiques.recon.phantom;

import java.util.SplittableRandom;
import org.vipboutiques.recon.volume.Volume;

/** Reproducible Poisson counts (emission data) from a mean sinogram, for a given seed. */
public final class PoissonNoise {
  private PoissonNoise() {
  }

  /** A new volume whose samples are Poisson draws with the given non-negative means. */
  public static Volume sample(Volume means, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] in = means.data();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      double m = in[i];
      if (!(m >= 0)) {
        throw new IllegalArgumentException("Poisson mean must be non-negative, got " + m + " at sample " + i);
      }
      out[i] = draw(m, random);
    }
    return Volume.wrap(means.nx(), means.ny(), means.nz(), means.spacing(), out);
  }

  private static long draw(double mean, SplittableRandom random) {
    if (mean == 0) {
      return 0;
    }
    if (mean < 30) {
      // Knuth's product of uniforms: exact, and cheap for small means.
      double limit = StrictMath.exp(-mean);
      long k = 0;
      double p = random.nextDouble();
      while (p > limit) {
        k++;
        p *= random.nextDouble();
      }
      return k;
    }
    // Large means: Atkinson's rejection method (exact, unlike a normal approximation).
    double c = 0.767 - 3.36 / mean;
    double beta = Math.PI / StrictMath.sqrt(3 * mean);
    double alpha = beta * mean;
    double k = StrictMath.log(c) - mean - StrictMath.log(beta);
    while (true) {
      double u = random.nextDouble();
      double x = (alpha - StrictMath.log((1 - u) / u)) / beta;
      long n = (long) Math.floor(x + 0.5);
      if (n < 0) {
        continue;
      }
      double v = random.nextDouble();
      double y = alpha - beta * x;
      double t = 1 + StrictMath.exp(y);
      double lhs = y + StrictMath.log(v / (t * t));
      double rhs = k + n * StrictMath.log(mean) - logFactorial(n);
      if (lhs <= rhs) {
        return n;
      }
    }
  }

  private static double logFactorial(long n) {
    if (n < 20) {
      double f = 0;
      for (int i = 2; i <= n; i++) {
        f += StrictMath.log(i);
      }
      return f;
    }
    // Stirling series: error below 1e-10 for n >= 20.
    double x = n + 1.0;
    return (x - 0.5) * StrictMath.log(x) - x + 0.5 * StrictMath.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
  }
}
