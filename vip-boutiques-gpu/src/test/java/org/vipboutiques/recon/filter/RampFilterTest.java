package org.vipboutiques.recon.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RampFilterTest {

  @Test
  void bandLimitedRampIsTheFrequencyWithASmallPositiveDc() {
    int p = 1024;
    double tau = 0.7;
    float[] h = RampFilter.ramLak().frequencyResponse(p, tau);
    assertEquals(p / 2 + 1, h.length);
    // H(f) = |f| up to the Nyquist frequency 1/(2 tau): m / (P tau) at bin m.
    for (int m = 8; m <= p / 2; m += 8) {
      double f = m / (p * tau);
      assertEquals(f, h[m], 2e-3 * f + 1e-5, "bin " + m);
    }
    // The truncated spatial kernel leaves a tiny positive DC instead of the exact zero of a sampled |f|,
    // which is what removes the DC bias of naive ramp filters.
    assertTrue(h[0] > 0 && h[0] < 1e-3 * h[p / 2], "DC " + h[0]);
  }

  @Test
  void windowsAndCutoffShapeTheResponse() {
    int p = 256;
    float[] ramp = RampFilter.ramLak().frequencyResponse(p, 1);
    float[] hann = new RampFilter(FilterWindow.HANN, 1).frequencyResponse(p, 1);
    float[] hamming = new RampFilter(FilterWindow.HAMMING, 1).frequencyResponse(p, 1);
    float[] cosine = new RampFilter(FilterWindow.COSINE, 1).frequencyResponse(p, 1);
    float[] sl = new RampFilter(FilterWindow.SHEPP_LOGAN, 1).frequencyResponse(p, 1);
    int nyq = p / 2;
    assertEquals(0, hann[nyq], 1e-6);
    assertEquals(0.08 * ramp[nyq], hamming[nyq], 1e-4);
    assertEquals(0, cosine[nyq], 1e-6);
    assertEquals(2 / Math.PI * ramp[nyq], sl[nyq], 1e-4);
    assertEquals(ramp[nyq / 2] * 0.5 * (1 + Math.cos(Math.PI / 2)), hann[nyq / 2], 1e-5);
    float[] cut = new RampFilter(FilterWindow.RAM_LAK, 0.5).frequencyResponse(p, 1);
    for (int m = 0; m <= nyq; m++) {
      if (m > nyq / 2) {
        assertEquals(0, cut[m], "above the cutoff");
      } else {
        assertEquals(ramp[m], cut[m], 1e-7);
      }
    }
  }

  @Test
  void parsingAndValidation() {
    assertEquals(FilterWindow.SHEPP_LOGAN, FilterWindow.parse("Shepp_Logan"));
    assertEquals(FilterWindow.RAM_LAK, FilterWindow.parse("ramp"));
    assertThrows(IllegalArgumentException.class, () -> FilterWindow.parse("gauss"));
    assertThrows(IllegalArgumentException.class, () -> new RampFilter(FilterWindow.HANN, 0));
    assertThrows(IllegalArgumentException.class, () -> new RampFilter(FilterWindow.HANN, 1.5));
    assertThrows(IllegalArgumentException.class, () -> RampFilter.ramLak().frequencyResponse(100, 1));
    assertEquals(64, RampFilter.paddedLength(10));
    assertEquals(1024, RampFilter.paddedLength(512));
    assertEquals(2048, RampFilter.paddedLength(513));
  }

  @Test
  void rowFilterMatchesDirectConvolutionWithTheSpatialKernel() {
    int n = 37;
    double tau = 0.5;
    float[] row = new float[n];
    for (int i = 0; i < n; i++) {
      row[i] = (float) (Math.sin(0.3 * i) + (i > 10 && i < 20 ? 1 : 0));
    }
    float[] out = new float[n];
    new RowFilter(RampFilter.ramLak(), n, tau).filter(row, 0, 1, out, 0, 1);
    for (int i = 0; i < n; i++) {
      double q = 0;
      for (int k = 0; k < n; k++) {
        int d = Math.abs(i - k);
        double h = d == 0 ? 1 / (4 * tau * tau) : d % 2 == 1 ? -1 / (d * d * Math.PI * Math.PI * tau * tau) : 0;
        q += tau * h * row[k];
      }
      assertEquals(q, out[i], 1e-4, "sample " + i);
    }
  }

  @Test
  void spatialKernelIsTheBandLimitedKernelForRamLakAndFiltersAsTheFftDoesForEveryWindow() {
    double tau = 0.3;
    float[] k = RampFilter.ramLak().spatialKernel(256, tau, 128);
    for (int d = 0; d < 128; d++) {
      double h = d == 0 ? 1 / (4 * tau * tau) : d % 2 == 1 ? -1 / (d * d * Math.PI * Math.PI * tau * tau) : 0;
      assertEquals(tau * h, k[d], 1e-6 * Math.abs(k[0]), "tap " + d);
    }
    for (int n : new int[] {1, 2, 31, 64, 100}) {
      float[] row = new float[n];
      for (int i = 0; i < n; i++) {
        row[i] = (float) (Math.cos(0.7 * i) + (i % 9 == 0 ? 2 : 0));
      }
      for (FilterWindow w : FilterWindow.values()) {
        for (double cutoff : new double[] {1, 0.6}) {
          RampFilter f = new RampFilter(w, cutoff);
          int p = RampFilter.paddedLength(n);
          float[] taps = f.spatialKernel(p, tau, n);
          float[] out = new float[n];
          new RowFilter(f, n, tau).filter(row, 0, 1, out, 0, 1);
          double num = 0;
          double den = 0;
          for (int i = 0; i < n; i++) {
            double q = 0;
            for (int j = 0; j < n; j++) {
              q += (double) row[j] * taps[Math.abs(i - j)];
            }
            num += (q - out[i]) * (q - out[i]);
            den += (double) out[i] * out[i];
          }
          double rel = Math.sqrt(num / den);
          assertTrue(rel <= 1e-5, w + " cutoff " + cutoff + " n " + n + ": relative L2 " + rel);
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> RampFilter.ramLak().spatialKernel(64, 1, 33));
  }
}
