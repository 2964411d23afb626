package org.vipboutiques.recon.cuda;

/**
 * A 16-point inverse complex FFT on the device compared with a direct DFT on the host: catches a cuFFT
 * that loads but is not the one JCufft was built for (for example a renamed newer library).
 */
final class FftSelfTest {
  private static final int N = 16;

  private FftSelfTest() {
  }

  static void run() {
    float[] data = new float[2 * N];
    for (int i = 0; i < N; i++) {
      data[2 * i] = (float) Math.cos(0.7 * i) + 0.25f * i;
      data[2 * i + 1] = (float) Math.sin(1.3 * i);
    }
    float[] result = new float[2 * N];
    try (DeviceBuffer d = DeviceBuffer.of(data); CufftPlan plan = CufftPlan.complex(new int[] {N}, 1)) {
      plan.inverseInPlace(d);
      d.download(result, 0, 2 * N);
    }
    double worst = 0;
    for (int m = 0; m < N; m++) {
      double re = 0;
      double im = 0;
      for (int n = 0; n < N; n++) {
        double a = 2 * Math.PI * m * n / N;
        re += data[2 * n] * Math.cos(a) - data[2 * n + 1] * Math.sin(a);
        im += data[2 * n] * Math.sin(a) + data[2 * n + 1] * Math.cos(a);
      }
      worst = Math.max(worst, Math.hypot(re - result[2 * m], im - result[2 * m + 1]));
    }
    if (!(worst < 1e-3)) {
      throw new CudaBackendException("cuFFT returned a wrong 16-point transform (error " + worst + ")");
    }
  }
}
