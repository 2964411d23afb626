package org.vipboutiques.recon.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.recon.filter.RampFilter;

/**
 * The ramp filter of FBP and FDK on the GPU, by the FFT ({@link FftSteps}: cuFFT or the own FFT) or by
 * direct convolution with the filter's spatial kernel (ramp.cu), as {@code -Dvip.recon.rampFilter} says.
 * With {@code auto} (the default) the first batch of at least {@link #MEASURE_MIN_ROWS} rows of each row
 * length is filtered both ways on a copy of up to {@link #MEASURE_ROWS} of its rows, a few times each, on
 * the device in use; the faster is kept for that device, FFT and row length for the rest of the process
 * and logged once at INFO. Smaller batches take the FFT without measuring (either costs little there).
 * Not thread-safe: one call at a time, as the kernels that use it.
 */
final class RampRows implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RampRows.class);
  /** Batches below this many rows are not worth a measurement. */
  static final int MEASURE_MIN_ROWS = 64;
  /** Rows of the copy that both methods filter when measuring. */
  static final int MEASURE_ROWS = 2048;
  /** Timed runs per method, after one untimed warm-up run; the fastest counts. */
  private static final int MEASURE_RUNS = 3;
  /** The choices made by measurement in this process: device, FFT and row length to the choice. */
  private static final Map<String, Choice> CHOICES = new ConcurrentHashMap<>();

  /** A measured choice: the method kept and the fastest time of each, over {@code rows} rows. */
  record Choice(RampMethod method, int length, int rows, double fftMillis, double directMillis, String line) {
  }

  private final CudaContext ctx;
  private final FftSteps fft;
  private final RampMethod method;
  private final List<Choice> measuredHere = new CopyOnWriteArrayList<>();
  private volatile RampMethod last;

  RampRows(CudaContext ctx, FftSteps fft, RampMethod method) {
    this.ctx = ctx;
    this.fft = fft;
    this.method = method;
  }

  FftSteps fft() {
    return fft;
  }

  RampMethod method() {
    return method;
  }

  /** The method the last {@link #filter} call used. */
  RampMethod lastUsed() {
    return last;
  }

  /** The measured choices this instance looked up or made, in order. */
  List<Choice> choices() {
    return List.copyOf(measuredHere);
  }

  /** Device floats per padded row that {@link #filter} may allocate while it runs (for chunk sizing). */
  long scratchFloatsPerRow(int p) {
    // The direct path needs none; a measurement's copy is bounded by MEASURE_ROWS rows.
    return fft.scratchFloatsPerRow(p);
  }

  /**
   * Ramp-filters {@code count} rows of {@code length} samples, each zero-padded to {@code p} =
   * RampFilter.paddedLength(length) in {@code padded}, samples spaced {@code tau} apart. Returns where the
   * filtered samples of each row start, in floats from the start of that padded row: 0 where the FFT
   * filtered in place, {@code length} where the direct convolution wrote them into the padding.
   */
  int filter(DeviceBuffer padded, int length, int p, int count, RampFilter filter, double tau) {
    if (p < 2 * length) {
      throw new IllegalArgumentException("padded length " + p + " is below twice the row length " + length);
    }
    RampMethod use = choose(padded, length, p, count, filter, tau);
    last = use;
    if (use == RampMethod.DIRECT) {
      try (DeviceBuffer taps = DeviceBuffer.of(filter.spatialKernel(p, tau, length))) {
        direct(padded, taps, length, p, count);
      }
      return length;
    }
    try (DeviceBuffer response = response(filter, p, tau)) {
      fft.filterRows(padded, p, count, response);
    }
    return 0;
  }

  private RampMethod choose(DeviceBuffer padded, int length, int p, int count, RampFilter filter, double tau) {
    if (method != RampMethod.AUTO) {
      return method;
    }
    if (count < MEASURE_MIN_ROWS) {
      return RampMethod.FFT;
    }
    String key = ctx.device() + "|" + fft.kind() + "|" + length;
    Choice choice = CHOICES.computeIfAbsent(key, k -> measure(padded, length, p, count, filter, tau));
    measuredHere.add(choice);
    return choice.method();
  }

  /** Times both methods on a copy of the first rows of {@code padded}; the rows themselves are left alone. */
  private Choice measure(DeviceBuffer padded, int length, int p, int count, RampFilter filter, double tau) {
    int rows = Math.min(count, MEASURE_ROWS);
    double fftMillis = Double.MAX_VALUE;
    double directMillis = Double.MAX_VALUE;
    try (DeviceBuffer trial = DeviceBuffer.floats((long) rows * p);
        DeviceBuffer response = response(filter, p, tau);
        DeviceBuffer taps = DeviceBuffer.of(filter.spatialKernel(p, tau, length))) {
      for (int run = 0; run <= MEASURE_RUNS; run++) {
        // Alternate the two so that clocks ramping up or a neighbour's load affect both alike.
        cuMemcpyDtoD(trial.pointer(), padded.pointer(), 4L * rows * p);
        double f = timed(() -> fft.filterRows(trial, p, rows, response));
        cuMemcpyDtoD(trial.pointer(), padded.pointer(), 4L * rows * p);
        double d = timed(() -> direct(trial, taps, length, p, rows));
        if (run > 0) {
          fftMillis = Math.min(fftMillis, f);
          directMillis = Math.min(directMillis, d);
        }
      }
    }
    RampMethod faster = directMillis < fftMillis ? RampMethod.DIRECT : RampMethod.FFT;
    String line = String.format(Locale.ROOT,
        "Ramp filter for rows of %d samples on %s: %s (measured over %d rows: %s %.3f ms, direct convolution"
            + " %.3f ms; -Dvip.recon.rampFilter=fft|direct forces one)",
        length, ctx.device(), faster == RampMethod.DIRECT ? "direct convolution" : fft.kind().label(), rows,
        fft.kind().label(), fftMillis, directMillis);
    LOG.info(line);
    return new Choice(faster, length, rows, fftMillis, directMillis, line);
  }

  private double timed(Runnable work) {
    ctx.synchronize();
    long t0 = System.nanoTime();
    work.run();
    ctx.synchronize();
    return (System.nanoTime() - t0) / 1e6;
  }

  /** Convolves [0, length) of each padded row into [length, 2 length) of the same row. */
  private void direct(DeviceBuffer padded, DeviceBuffer taps, int length, int p, int count) {
    ctx.kernel("ramp", "ramp_direct").launch(RowLaunch.grid(length, count), RowLaunch.BLOCK,
        padded, padded.at(length), taps, length, p, count);
  }

  /** The response H[0 .. p/2] with the 1/p of the inverse transform applied, on the device. */
  private static DeviceBuffer response(RampFilter filter, int p, double tau) {
    float[] response = filter.frequencyResponse(p, tau);
    for (int m = 0; m < response.length; m++) {
      response[m] /= p;
    }
    return DeviceBuffer.of(response);
  }

  @Override
  public void close() {
    fft.close();
  }
}
