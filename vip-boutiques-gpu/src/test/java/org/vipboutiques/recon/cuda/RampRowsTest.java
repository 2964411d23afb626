package org.vipboutiques.recon.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vipboutiques.recon.filter.FilterWindow;
import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.filter.RowFilter;

/**
 * The ramp filter of FBP and FDK on the GPU by direct convolution (src/main/cuda/ramp.cu) against the CPU
 * filter (JTransforms), for row lengths below, at and across the kernel's 256-sample tile, every window
 * with and without a cutoff and odd row counts; the FFT path on the same rows; and auto's measured choice.
 * On a GPU or on the CUDA emulator; emulator times choose something, but they are not speed figures.
 */
@EnabledIfCuda
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RampRowsTest {
  private static final double BAR = 1e-4;
  private CudaContext ctx;
  private RampRows direct;
  private RampRows fft;

  @BeforeAll
  void open() {
    ProbeResult probe = CudaProbe.result();
    ctx = probe.context().orElseThrow();
    ctx.makeCurrent();
    FftKind kind = probe.fft().orElse(FftKind.OWN);
    direct = new RampRows(ctx, CudaProbe.open(ctx, kind), RampMethod.DIRECT);
    fft = new RampRows(ctx, CudaProbe.open(ctx, kind), RampMethod.FFT);
  }

  @AfterAll
  void close() {
    if (direct != null) {
      direct.close();
      fft.close();
    }
  }

  @Test
  void directConvolutionMatchesTheCpuFilterForEveryWindowLengthAndRowCount() {
    int[][] cases = {{1, 1}, {5, 3}, {64, 2}, {100, 7}, {255, 3}, {256, 1}, {257, 5}, {513, 3}, {1000, 2}};
    for (int[] c : cases) {
      for (FilterWindow w : FilterWindow.values()) {
        for (double cutoff : new double[] {1, 0.7}) {
          RampFilter f = new RampFilter(w, cutoff);
          String what = w.cliName() + " cutoff " + cutoff + ", " + c[1] + " rows of " + c[0];
          float[][] rows = rows(c[0], c[1], 31L * c[0] + c[1]);
          float[] expected = cpu(rows, f, 0.8);
          float[] byDirect = gpu(direct, rows, f, 0.8);
          report("direct vs CPU " + what, relativeL2(byDirect, expected));
          if (w == FilterWindow.RAM_LAK || w == FilterWindow.HANN) {
            report("direct vs FFT " + what, relativeL2(byDirect, gpu(fft, rows, f, 0.8)));
          }
          assertEquals(RampMethod.DIRECT, direct.lastUsed());
        }
      }
    }
  }

  @Test
  void autoMeasuresOncePerRowLengthChoosesByBatchSizeAndSaysHow() {
    try (RampRows auto = new RampRows(ctx, CudaProbe.open(ctx, FftKind.OWN), RampMethod.AUTO)) {
      RampFilter f = new RampFilter(FilterWindow.SHEPP_LOGAN, 1);
      // A batch below the threshold, of a length not measured yet, takes the FFT unmeasured.
      float[][] few = rows(88, RampRows.MEASURE_MIN_ROWS - 1, 3);
      report("auto, small batch", relativeL2(gpu(auto, few, f, 1.1), cpu(few, f, 1.1)));
      assertEquals(RampMethod.FFT, auto.lastUsed());
      assertEquals(Optional.empty(), auto.lastMeasurement());
      float[][] many = rows(88, RampRows.MEASURE_MIN_ROWS + 9, 4);
      report("auto, measured batch", relativeL2(gpu(auto, many, f, 1.1), cpu(many, f, 1.1)));
      RampRows.Measurement m = auto.lastMeasurement().orElseThrow();
      assertEquals(m.faster(many.length), auto.lastUsed());
      assertEquals(88, m.length());
      assertTrue(m.fftFixed() + m.fftPerRow() > 0 && m.directFixed() + m.directPerRow() > 0, m.line());
      assertTrue(m.line().startsWith("Ramp filter for rows of 88 samples on " + ctx.device() + ": "), m.line());
      assertTrue(m.line().contains(" for every batch size (") || m.line().contains(" rows, "), m.line());
      assertTrue(m.line().contains("measured at " + RampRows.SMALL_ROWS + " and " + RampRows.LARGE_ROWS + " rows"),
          m.line());
      System.out.println("auto on this device (emulator times are not speed figures): " + m.line());
      // The same length again, now also in a small batch: the kept measurement, not a new one.
      report("auto, small batch after measuring", relativeL2(gpu(auto, few, f, 1.1), cpu(few, f, 1.1)));
      assertEquals(m.faster(few.length), auto.lastUsed());
      assertSame(m, auto.lastMeasurement().orElseThrow());
    }
  }

  @Test
  void aMeasurementChoosesByThePredictedTimeOfTheBatch() {
    RampRows.Measurement m = new RampRows.Measurement(100, 0.05, 0.001, 0.01, 0.002, "");
    assertEquals(RampMethod.DIRECT, m.faster(1));
    assertEquals(RampMethod.DIRECT, m.faster(39));
    assertEquals(RampMethod.FFT, m.faster(41));
  }

  private static float[][] rows(int length, int count, long seed) {
    Random r = new Random(seed);
    float[][] rows = new float[count][length];
    for (float[] row : rows) {
      for (int i = 0; i < length; i++) {
        row[i] = (float) (r.nextGaussian() + (i > length / 4 && i < length / 2 ? 3 : 0));
      }
    }
    return rows;
  }

  private static float[] cpu(float[][] rows, RampFilter f, double tau) {
    int length = rows[0].length;
    RowFilter filter = new RowFilter(f, length, tau);
    float[] out = new float[rows.length * length];
    for (int r = 0; r < rows.length; r++) {
      filter.filter(rows[r], 0, 1, out, r * length, 1);
    }
    return out;
  }

  /** Pads the rows as FBP and FDK do, filters them on the device and returns the filtered samples. */
  private float[] gpu(RampRows ramp, float[][] rows, RampFilter f, double tau) {
    int length = rows[0].length;
    int p = RampFilter.paddedLength(length);
    float[] padded = new float[rows.length * p];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, padded, r * p, length);
    }
    try (DeviceBuffer d = DeviceBuffer.of(padded)) {
      int offset = ramp.filter(d, length, p, rows.length, f, tau);
      d.download(padded, 0, padded.length);
      float[] out = new float[rows.length * length];
      for (int r = 0; r < rows.length; r++) {
        System.arraycopy(padded, r * p + offset, out, r * length, length);
      }
      return out;
    }
  }

  private static void report(String what, double error) {
    System.out.printf("ramp %s: relative L2 %.2e%n", what, error);
    assertTrue(error <= BAR, what + ": relative L2 " + error);
  }

  private static double relativeL2(float[] got, float[] expected) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < got.length; i++) {
      double d = got[i] - expected[i];
      num += d * d;
      den += (double) expected[i] * expected[i];
    }
    return Math.sqrt(num / den);
  }
}
