package org.vipboutiques.recon.filter;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The ramp filter of filtered back-projection, built from the band-limited spatial kernel (Kak and
 * Slaney, ch. 3: h[0] = 1/(4 tau^2), h[odd n] = -1/(n^2 pi^2 tau^2), h[even n] = 0) rather than from
 * |f| sampled directly, which would bias the mean (DC) of every reconstruction. The window multiplies
 * the response; frequencies above {@code cutoff} times Nyquist are removed and the window is stretched
 * to end there.
 */
public record RampFilter(FilterWindow window, double cutoff) {
  public RampFilter {
    if (window == null) {
      throw new IllegalArgumentException("a filter window is required");
    }
    if (!(cutoff > 0) || cutoff > 1) {
      throw new IllegalArgumentException("cutoff must be in (0, 1] (fraction of Nyquist), got " + cutoff);
    }
  }

  /** Ram-Lak, no cutoff. */
  public static RampFilter ramLak() {
    return new RampFilter(FilterWindow.RAM_LAK, 1);
  }

  /** Zero-padded length used for {@code bins} detector samples: the power of two >= 2 * bins (>= 64). */
  public static int paddedLength(int bins) {
    int p = 64;
    while (p < 2 * bins) {
      p <<= 1;
    }
    return p;
  }

  /**
   * Real frequency response H[m], m = 0..P/2, for padded length P and sample spacing tau, scaled by tau
   * so that filtering is an FFT product: q = IFFT(FFT(p zero-padded) * H) equals tau * (p conv h).
   */
  public float[] frequencyResponse(int paddedLength, double tau) {
    if (paddedLength < 2 || Integer.bitCount(paddedLength) != 1) {
      throw new IllegalArgumentException("padded length must be a power of two, got " + paddedLength);
    }
    if (!(tau > 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException("sample spacing must be finite and positive, got " + tau);
    }
    int p = paddedLength;
    double[] h = new double[p];
    h[0] = 1 / (4 * tau * tau);
    for (int n = 1; n <= p / 2; n += 2) {
      double v = -1 / ((double) n * n * Math.PI * Math.PI * tau * tau);
      h[n] = v;
      h[p - n] = v;
    }
    new DoubleFFT_1D(p).realForward(h);
    float[] response = new float[p / 2 + 1];
    for (int m = 0; m <= p / 2; m++) {
      // The kernel is real and even, so its transform is real: take the real parts.
      double re = m == 0 ? h[0] : m == p / 2 ? h[1] : h[2 * m];
      double nu = m / (p / 2.0);
      double w = nu > cutoff ? 0 : window.weight(nu / cutoff);
      response[m] = (float) (tau * re * w);
    }
    return response;
  }

  /**
   * The spatial kernel k[d], d = 0..taps-1, that filtering with {@link #frequencyResponse} over padded length
   * P amounts to: k = IDFT_P(H) (real and even, computed in double from the float response the FFT paths
   * use). Since P >= 2 * length, a zero-padded row of {@code length} samples filters to
   * q[i] = sum_{j < length} p[j] * k[|i - j|] exactly, which is what a direct convolution computes with
   * {@code taps = length}. For Ram-Lak without cutoff k[d] is tau times the band-limited kernel.
   */
  public float[] spatialKernel(int paddedLength, double tau, int taps) {
    float[] response = frequencyResponse(paddedLength, tau);
    int p = paddedLength;
    if (taps < 1 || taps > p / 2) {
      throw new IllegalArgumentException("taps must be in [1, " + p / 2 + "] for padded length " + p + ", got " + taps);
    }
    double[] a = new double[p];
    a[0] = response[0];
    a[1] = response[p / 2];
    for (int m = 1; m < p / 2; m++) {
      a[2 * m] = response[m];
    }
    new DoubleFFT_1D(p).realInverse(a, true);
    float[] k = new float[taps];
    for (int d = 0; d < taps; d++) {
      k[d] = (float) a[d];
    }
    return k;
  }
}
