package org.vipboutiques.recon.cuda;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.vipboutiques.recon.backend.Timed;
import org.vipboutiques.recon.bench.ReconBenchmarks;
import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.geometry.ConeBeamGeometry;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.metrics.Comparison;
import org.vipboutiques.recon.volume.Spacing;
import org.vipboutiques.recon.volume.Volume;

/**
 * The figures behind {@code -Dvip.recon.rampFilter=auto}: on the GPU in use, the ramp filter alone by the
 * FFT (the probe's: cuFFT or the own FFT) and by direct convolution for several row lengths and batch sizes,
 * what auto measures for each length, and FBP and FDK with each method (device compute time, and the
 * relative L2 difference between the two results). Run by scripts/gpu-check.sh:
 * {@code java -cp vip-recon.jar org.vipboutiques.recon.cuda.RampBench [--quick]}; times are medians of
 * {@link #RUNS} runs after one warm-up. On the CUDA emulator (--quick) the times are not speed figures.
 */
public final class RampBench {
  private static final int RUNS = 5;

  private RampBench() {
  }

  public static void main(String[] args) {
    boolean quick = Arrays.asList(args).contains("--quick");
    PrintStream out = System.out;
    if (!CudaProbe.availability().usable()) {
      out.println("ramp bench: CUDA not usable: " + CudaProbe.availability().detail());
      System.exit(1);
    }
    ProbeResult probe = CudaProbe.result();
    CudaContext ctx = probe.context().orElseThrow();
    Optional<FftKind> kind = probe.fft();
    if (kind.isEmpty()) {
      out.println("ramp bench: no FFT on the GPU here: " + CudaProbe.availability().detail());
      System.exit(1);
    }
    out.println("ramp bench on " + ctx.device() + ", FFT: " + kind.get().label() + (quick ? " (--quick)" : ""));
    ctx.makeCurrent();
    int[] lengths = quick ? new int[] {64, 100} : new int[] {128, 256, 512, 640, 1024, 2048};
    int[] counts = quick ? new int[] {64} : new int[] {256, 4096, 65536};
    try (RampRows fft = new RampRows(ctx, CudaProbe.open(ctx, kind.get()), RampMethod.FFT);
        RampRows direct = new RampRows(ctx, CudaProbe.open(ctx, kind.get()), RampMethod.DIRECT);
        RampRows auto = new RampRows(ctx, CudaProbe.open(ctx, kind.get()), RampMethod.AUTO)) {
      RampFilter f = RampFilter.ramLak();
      for (int length : lengths) {
        int p = RampFilter.paddedLength(length);
        for (int count : counts) {
          try (DeviceBuffer rows = DeviceBuffer.floats((long) count * p)) {
            rows.zero();
            double a = median(() -> {
              ctx.synchronize();
              long t0 = System.nanoTime();
              fft.filter(rows, length, p, count, f, 1);
              ctx.synchronize();
              return (System.nanoTime() - t0) / 1e6;
            });
            double b = median(() -> {
              ctx.synchronize();
              long t0 = System.nanoTime();
              direct.filter(rows, length, p, count, f, 1);
              ctx.synchronize();
              return (System.nanoTime() - t0) / 1e6;
            });
            out.printf(Locale.ROOT, "filter only: %6d rows of %4d (padded %4d): %s %9.3f ms, direct %9.3f ms, "
                + "direct/FFT %.2f%n", count, length, p, kind.get().label(), a, b, b / a);
          }
        }
        try (DeviceBuffer rows = DeviceBuffer.floats((long) RampRows.MEASURE_MIN_ROWS * p)) {
          rows.zero();
          auto.filter(rows, length, p, RampRows.MEASURE_MIN_ROWS, f, 1);
          out.println("auto: " + auto.lastMeasurement().orElseThrow().line());
        }
      }
    }
    try (CudaBackend withFft = new CudaBackend(ctx, kind, RampMethod.FFT, "FFT");
        CudaBackend withDirect = new CudaBackend(ctx, kind, RampMethod.DIRECT, "direct")) {
      int[][] fbp = quick ? new int[][] {{32, 30, 2}} : new int[][] {{512, 720, 8}, {2048, 1800, 1}};
      for (int[] c : fbp) {
        ParallelBeamGeometry g = ParallelBeamGeometry.standard(c[0], c[1], c[0]);
        Volume sino = noise(g.bins(), g.views(), c[2]);
        String what = String.format(Locale.ROOT, "FBP %d^2 from %d views x %d slices (rows of %d)", c[0], c[1], c[2],
            g.bins());
        compare(out, what, kind.get(),
            () -> withFft.parallelBeam().filteredBackProjection(sino, g, RampFilter.ramLak()), (Timed) withFft.parallelBeam(),
            () -> withDirect.parallelBeam().filteredBackProjection(sino, g, RampFilter.ramLak()),
            (Timed) withDirect.parallelBeam());
      }
      int[][] fdk = quick ? new int[][] {{16, 20}} : new int[][] {{256, 360}, {512, 360}};
      for (int[] c : fdk) {
        ConeBeamGeometry g = ReconBenchmarks.coneGeometry(c[0], c[1]);
        Volume projections = noise(g.detector().columns(), g.detector().rows(), g.views());
        String what = String.format(Locale.ROOT, "FDK %d^3 from %d views (rows of %d, %d rows)", c[0], c[1],
            g.detector().columns(), (long) g.detector().rows() * g.views());
        compare(out, what, kind.get(), () -> withFft.coneBeam().fdk(projections, g, RampFilter.ramLak()),
            (Timed) withFft.coneBeam(), () -> withDirect.coneBeam().fdk(projections, g, RampFilter.ramLak()),
            (Timed) withDirect.coneBeam());
      }
    }
  }

  private static void compare(PrintStream out, String what, FftKind kind, Supplier<Volume> byFft, Timed fftTimed,
      Supplier<Volume> byDirect, Timed directTimed) {
    Volume[] results = new Volume[2];
    double a = median(() -> {
      results[0] = byFft.get();
      return fftTimed.lastTimings().orElseThrow().computeMs();
    });
    double b = median(() -> {
      results[1] = byDirect.get();
      return directTimed.lastTimings().orElseThrow().computeMs();
    });
    out.printf(Locale.ROOT, "%s: device compute with %s %9.3f ms, with direct convolution %9.3f ms, direct/FFT %.2f;"
        + " results differ by relative L2 %.2e%n", what, kind.label(), a, b, b / a,
        Comparison.relativeL2(results[1], results[0]));
  }

  /** One warm-up run, then the median of RUNS. */
  private static double median(Supplier<Double> run) {
    run.get();
    double[] t = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      t[i] = run.get();
    }
    Arrays.sort(t);
    return t[RUNS / 2];
  }

  private static Volume noise(int nx, int ny, int nz) {
    Random r = new Random(1);
    float[] data = new float[nx * ny * nz];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (1 + 0.1 * r.nextGaussian());
    }
    return Volume.wrap(nx, ny, nz, Spacing.isotropic(1), data);
  }
}
