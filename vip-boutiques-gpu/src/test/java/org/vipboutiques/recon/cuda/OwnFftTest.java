package org.vipboutiques.recon.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vipboutiques.recon.filter.FilterWindow;
import org.vipboutiques.recon.filter.RampFilter;

/**
 * Accuracy of the own FFT (src/main/cuda/fft.cu) against JTransforms in double: batched 1D transforms of
 * powers of two (radix-4 passes only, and with the final radix-2 pass) and of other lengths (Bluestein),
 * 2D and 3D batches with odd and even axes, both directions, and the paired-row ramp filter against a
 * double filter on the host and against cuFFT where cuFFT is usable (on the emulator: its double cuFFT).
 * On a GPU or on the CUDA emulator; speed is not measured here (the emulator runs one CPU thread).
 */
@EnabledIfCuda
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnFftTest {
  /** Float32 transforms of these sizes land near 1e-7; Bluestein's three transforms a few times that. */
  private static final double BAR = 2e-6;
  private CudaContext ctx;
  private OwnFft fft;

  @BeforeAll
  void open() {
    ctx = CudaProbe.result().context().orElseThrow();
    ctx.makeCurrent();
    fft = new OwnFft(ctx);
  }

  @AfterAll
  void close() {
    if (fft != null) {
      fft.close();
    }
  }

  @Test
  void batched1dTransformsOfPowersOfTwoAndOtherLengthsMatchJTransforms() {
    for (int n : new int[] {2, 4, 8, 16, 32, 64, 256, 512, 4096, 3, 5, 7, 12, 63, 100, 255, 360, 1000}) {
      for (boolean inverse : new boolean[] {false, true}) {
        check(new int[] {n}, 3, inverse);
      }
    }
  }

  @Test
  void batched2dAnd3dTransformsMatchJTransforms() {
    for (int[] dims : new int[][] {{64, 64}, {48, 63}, {1, 128}, {17, 1}, {20, 17, 15}, {16, 8, 32}, {3, 5, 64}}) {
      check(dims, 2, true);
      check(dims, 1, false);
    }
  }

  @Test
  void pairedRowRampFilterMatchesAFilterInDoubleAndCufft() {
    Random random = new Random(11);
    for (int[] c : new int[][] {{64, 5}, {256, 8}, {1024, 3}, {128, 1}}) {
      int p = c[0];
      int rows = c[1];
      int bins = p / 2 - 3;
      float[] data = new float[rows * p];
      for (int r = 0; r < rows; r++) {
        for (int b = 0; b < bins; b++) {
          data[r * p + b] = (float) random.nextGaussian();
        }
      }
      for (FilterWindow w : new FilterWindow[] {FilterWindow.RAM_LAK, FilterWindow.HANN}) {
        float[] response = new RampFilter(w, 0.9).frequencyResponse(p, 0.7);
        for (int m = 0; m < response.length; m++) {
          response[m] /= p;
        }
        double[] expected = new double[rows * p];
        for (int r = 0; r < rows; r++) {
          double[] row = new double[2 * p];
          for (int b = 0; b < p; b++) {
            row[2 * b] = data[r * p + b];
          }
          DoubleFFT_1D f = new DoubleFFT_1D(p);
          f.complexForward(row);
          for (int m = 0; m < p; m++) {
            row[2 * m] *= response[Math.min(m, p - m)];
            row[2 * m + 1] *= response[Math.min(m, p - m)];
          }
          f.complexInverse(row, false);
          for (int b = 0; b < p; b++) {
            expected[r * p + b] = row[2 * b];
          }
        }
        float[] own = filter(fft, data, p, rows, response);
        double e = relativeL2(own, expected);
        report("ramp filter " + w + " P=" + p + " x " + rows + " rows", e);
        try (OwnFft grouped = new OwnFft(ctx, 2L * 2 * 8 * p)) {
          // Two pairs of rows per group: 5 rows go through as 4 + 1, 8 as 4 + 4.
          report("  in groups of 4 rows", relativeL2(filter(grouped, data, p, rows, response), expected));
        }
        if (CudaProbe.result().fft().orElse(null) == FftKind.CUFFT) {
          try (CufftSteps cufft = new CufftSteps(ctx)) {
            double d = relativeL2(own, toDouble(filter(cufft, data, p, rows, response)));
            report("  own vs cuFFT", d);
          }
        }
      }
    }
  }

  private float[] filter(FftSteps steps, float[] data, int p, int rows, float[] response) {
    try (DeviceBuffer d = DeviceBuffer.of(data); DeviceBuffer h = DeviceBuffer.of(response)) {
      steps.filterRows(d, p, rows, h);
      float[] out = new float[data.length];
      d.download(out, 0, out.length);
      return out;
    }
  }

  private void check(int[] dims, int batch, boolean inverse) {
    int size = 1;
    for (int d : dims) {
      size *= d;
    }
    Random random = new Random(size * 31L + batch);
    float[] data = new float[2 * size * batch];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextGaussian();
    }
    double[] expected = new double[data.length];
    for (int b = 0; b < batch; b++) {
      double[] one = new double[2 * size];
      for (int i = 0; i < one.length; i++) {
        one[i] = data[2 * size * b + i];
      }
      reference(dims, one, inverse);
      System.arraycopy(one, 0, expected, 2 * size * b, one.length);
    }
    float[] result = new float[data.length];
    try (DeviceBuffer d = DeviceBuffer.of(data)) {
      fft.transform(d, dims, batch, inverse);
      d.download(result, 0, result.length);
    }
    report((inverse ? "inverse " : "forward ") + java.util.Arrays.toString(dims) + " x " + batch,
        relativeL2(result, expected));
  }

  /**
   * JTransforms' unnormalised transform of one batch element (complexInverse with scale = false), axis
   * by axis with its 1D transforms, which unlike its 2D/3D ones accept axes of length 1.
   */
  private static void reference(int[] dims, double[] a, boolean inverse) {
    int total = a.length / 2;
    int stride = 1;
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      int n = dims[axis];
      DoubleFFT_1D f = new DoubleFFT_1D(n);
      double[] line = new double[2 * n];
      for (int start = 0; start < total; start += n * stride) {
        for (int offset = 0; offset < stride; offset++) {
          for (int i = 0; i < n; i++) {
            line[2 * i] = a[2 * (start + offset + i * stride)];
            line[2 * i + 1] = a[2 * (start + offset + i * stride) + 1];
          }
          if (inverse) {
            f.complexInverse(line, false);
          } else {
            f.complexForward(line);
          }
          for (int i = 0; i < n; i++) {
            a[2 * (start + offset + i * stride)] = line[2 * i];
            a[2 * (start + offset + i * stride) + 1] = line[2 * i + 1];
          }
        }
      }
      stride *= n;
    }
  }

  private static void report(String what, double error) {
    System.out.printf("own FFT %s: relative L2 %.2e%n", what, error);
    assertTrue(error <= BAR, what + ": relative L2 " + error + " against JTransforms (double)");
  }

  private static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  private static double relativeL2(float[] got, double[] expected) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < got.length; i++) {
      double d = got[i] - expected[i];
      num += d * d;
      den += expected[i] * expected[i];
    }
    return Math.sqrt(num / den);
  }
}
