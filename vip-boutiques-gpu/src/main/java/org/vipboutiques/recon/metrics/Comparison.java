package org.vipboutiques.recon.metrics;

import java.util.BitSet;
import java.util.Locale;
import org.vipboutiques.recon.volume.Volume;

/**
 * Errors of an image against a reference over a mask: RMSE, max |error|, NMSE = ||x - t||^2 / ||t||^2,
 * and PSNR = 20 log10(max |t| / RMSE), all accumulated in double.
 */
public record Comparison(int samples, double rmse, double maxError, double nmse, double psnr) {

  /** Compares {@code image} with {@code reference} over {@code mask}; shapes must agree. */
  public static Comparison of(Volume image, Volume reference, Mask mask) {
    if (!image.sameShape(reference) || image.nx() != mask.nx() || image.ny() != mask.ny() || image.nz() != mask.nz()) {
      throw new IllegalArgumentException("image " + image + ", reference " + reference + " and mask differ in shape");
    }
    BitSet bits = mask.bits();
    if (bits.isEmpty()) {
      throw new IllegalArgumentException("the mask is empty");
    }
    float[] x = image.data();
    float[] t = reference.data();
    double se = 0;
    double st = 0;
    double max = 0;
    double peak = 0;
    int n = 0;
    for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
      double d = (double) x[i] - t[i];
      se += d * d;
      st += (double) t[i] * t[i];
      max = Math.max(max, Math.abs(d));
      peak = Math.max(peak, Math.abs(t[i]));
      n++;
    }
    double rmse = Math.sqrt(se / n);
    double nmse = st > 0 ? se / st : Double.POSITIVE_INFINITY;
    double psnr = rmse > 0 ? 20 * Math.log10(peak / rmse) : Double.POSITIVE_INFINITY;
    return new Comparison(n, rmse, max, nmse, psnr);
  }

  /** Relative L2 difference ||a - b|| / ||b|| over all samples (GPU result a against CPU result b). */
  public static double relativeL2(Volume a, Volume b) {
    if (!a.sameShape(b)) {
      throw new IllegalArgumentException(a + " and " + b + " differ in shape");
    }
    double num = 0;
    double den = 0;
    float[] x = a.data();
    float[] y = b.data();
    for (int i = 0; i < x.length; i++) {
      double d = (double) x[i] - y[i];
      num += d * d;
      den += (double) y[i] * y[i];
    }
    return den > 0 ? Math.sqrt(num / den) : Math.sqrt(num);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "RMSE %.3g, max error %.3g, NMSE %.3g, PSNR %.1f dB over %d samples",
        rmse, maxError, nmse, psnr, samples);
  }
}
