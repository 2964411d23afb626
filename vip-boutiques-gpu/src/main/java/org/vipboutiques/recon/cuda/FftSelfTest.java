package org.vipboutiques.recon.cuda;

/**
 * Inverse complex FFTs on the device compared with a direct DFT on the host: catches a cuFFT that loads
 * but is not the one JCufft was built for (for example a renamed newer library), and an own FFT that a
 * driver compiles wrongly. Lengths 16 (radix 4), 32 (radix 4 and 2) and 12 (Bluestein).
 */
final class FftSelfTest {
  private static final int[] LENGTHS = {16, 32, 12};

  private FftSelfTest() {
  }

  static void run(FftSteps fft) {
    for (int n : fft.kind() == FftKind.CUFFT ? new int[] {16} : LENGTHS) {
      check(fft, n);
    }
  }

  private static void check(FftSteps fft, int n) {
    float[] data = new float[2 * n];
    for (int i = 0; i < n; i++) {
      data[2 * i] = (float) Math.cos(0.7 * i) + 0.25f * i;
      data[2 * i + 1] = (float) Math.sin(1.3 * i);
    }
    float[] result = new float[2 * n];
    try (DeviceBuffer d = DeviceBuffer.of(data)) {
      fft.inverseInPlace(d, new int[] {n}, 1);
      d.download(result, 0, 2 * n);
    }
    double worst = 0;
    for (int m = 0; m < n; m++) {
      double re = 0;
      double im = 0;
      for (int j = 0; j < n; j++) {
        double a = 2 * Math.PI * ((long) m * j % n) / n;
        re += data[2 * j] * Math.cos(a) - data[2 * j + 1] * Math.sin(a);
        im += data[2 * j] * Math.sin(a) + data[2 * j + 1] * Math.cos(a);
      }
      worst = Math.max(worst, Math.hypot(re - result[2 * m], im - result[2 * m + 1]));
    }
    if (!(worst < 1e-3)) {
      throw new CudaBackendException(fft.kind().label() + " returned a wrong " + n + "-point transform (error "
          + worst + ")");
    }
  }
}
