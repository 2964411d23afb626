package org.vipboutiques.recon.cuda;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.recon.filter.RampFilter;

/**
 * The ramp filter of FBP and FDK on the GPU, by the FFT ({@link FftSteps}: cuFFT or the own FFT) or by
 * direct convolution with the filter's spatial kernel (ramp.cu), as {@code -Dvip.recon.rampFilter} says.
 * With {@code auto} (the default), the first batch of at least {@link #MEASURE_MIN_ROWS} rows of a row
 * length is the occasion to time both methods on the device in use, on scratch rows (the batch itself is
 * left alone), at {@link #SMALL_ROWS} and {@link #LARGE_ROWS} rows: a fixed cost plus a cost per row for each,
 * kept for that device, FFT and row length for the rest of the process and logged once at INFO. Every batch
 * of that length then takes the method with the smaller predicted time for its row count (a measured
 * crossover, since launch overheads favour the single direct kernel on few rows). Batches below
 * {@link #MEASURE_MIN_ROWS} rows of a length not measured yet take the FFT (either costs little there).
 * Not thread-safe: one call at a time, as the kernels that use it.
 */
final class RampRows implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RampRows.class);
  /** Batches below this many rows do not start a measurement. */
  static final int MEASURE_MIN_ROWS = 64;
  /** The two batch sizes timed: enough to separate the fixed cost from the cost per row. */
  static final int SMALL_ROWS = 64;
  static final int LARGE_ROWS = 256;
  /** Timed runs per method and size, after one untimed warm-up run of each; the fastest counts. */
  private static final int MEASURE_RUNS = 3;
  /** The measurements of this process: device, FFT and row length to the fitted costs. */
  private static final Map<String, Measurement> MEASURED = new ConcurrentHashMap<>();

  /**
   * What auto measured for rows of {@code length}: milliseconds = fixed + perRow * rows for each method,
   * and the line logged.
   */
  record Measurement(int length, double fftFixed, double fftPerRow, double directFixed, double directPerRow,
      String line) {
    /** The method with the smaller predicted time for a batch of {@code rows} rows (the FFT on a tie). */
    RampMethod faster(long rows) {
      return directFixed + directPerRow * rows < fftFixed + fftPerRow * rows ? RampMethod.DIRECT : RampMethod.FFT;
    }
  }

  private final CudaContext ctx;
  private final FftSteps fft;
  private final RampMethod method;
  private volatile RampMethod last;
  private volatile Measurement lastMeasurement;

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

  /** The measurement that auto's last choice of this instance went by, if it went by one. */
  Optional<Measurement> lastMeasurement() {
    return Optional.ofNullable(lastMeasurement);
  }

  /** Device floats per padded row that {@link #filter} may allocate while it runs (for chunk sizing). */
  long scratchFloatsPerRow(int p) {
    // The direct path needs none; a measurement's scratch rows are bounded by LARGE_ROWS.
    return fft.scratchFloatsPerRow(p);
  }

  /**
   * Ramp-filters {@code count} rows of {@code length} samples, each zero-padded to {@code p} >= 2 * length
   * in {@code padded}, samples spaced {@code tau} apart. Returns where the filtered samples of each row
   * start, in floats from the start of that padded row: 0 where the FFT filtered in place, {@code length}
   * where the direct convolution wrote them into the padding.
   */
  int filter(DeviceBuffer padded, int length, int p, int count, RampFilter filter, double tau) {
    if (p < 2 * length) {
      throw new IllegalArgumentException("padded length " + p + " is below twice the row length " + length);
    }
    RampMethod use = choose(length, p, count, filter, tau);
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

  private RampMethod choose(int length, int p, int count, RampFilter filter, double tau) {
    if (method != RampMethod.AUTO) {
      return method;
    }
    String key = ctx.device() + "|" + fft.kind() + "|" + length;
    Measurement m = MEASURED.get(key);
    if (m == null && count < MEASURE_MIN_ROWS) {
      return RampMethod.FFT;
    }
    if (m == null) {
      m = MEASURED.computeIfAbsent(key, k -> measure(length, p, filter, tau));
    }
    lastMeasurement = m;
    return m.faster(count);
  }

  /** Times both methods on scratch rows at two batch sizes and fits a fixed cost and a cost per row to each. */
  private Measurement measure(int length, int p, RampFilter filter, double tau) {
    double[] fftMillis = {Double.MAX_VALUE, Double.MAX_VALUE};
    double[] directMillis = {Double.MAX_VALUE, Double.MAX_VALUE};
    int[] sizes = {SMALL_ROWS, LARGE_ROWS};
    try (DeviceBuffer trial = DeviceBuffer.floats((long) LARGE_ROWS * p);
        DeviceBuffer response = response(filter, p, tau);
        DeviceBuffer taps = DeviceBuffer.of(filter.spatialKernel(p, tau, length))) {
      // Zeros time as any data does; the FFT's result stays finite for the direct runs after it.
      trial.zero();
      fft.filterRows(trial, p, SMALL_ROWS, response);
      direct(trial, taps, length, p, SMALL_ROWS);
      for (int run = 0; run < MEASURE_RUNS; run++) {
        for (int s = 0; s < sizes.length; s++) {
          int rows = sizes[s];
          // Alternate the two, so that clocks ramping up or a neighbour's load affect both alike.
          fftMillis[s] = Math.min(fftMillis[s], timed(() -> fft.filterRows(trial, p, rows, response)));
          directMillis[s] = Math.min(directMillis[s], timed(() -> direct(trial, taps, length, p, rows)));
        }
      }
    }
    double fftPerRow = Math.max(0, (fftMillis[1] - fftMillis[0]) / (LARGE_ROWS - SMALL_ROWS));
    double fftFixed = Math.max(0, fftMillis[0] - fftPerRow * SMALL_ROWS);
    double directPerRow = Math.max(0, (directMillis[1] - directMillis[0]) / (LARGE_ROWS - SMALL_ROWS));
    double directFixed = Math.max(0, directMillis[0] - directPerRow * SMALL_ROWS);
    String label = fft.kind().label();
    String verdict;
    double crossing = (directFixed - fftFixed) / (fftPerRow - directPerRow);
    Measurement probe = new Measurement(length, fftFixed, fftPerRow, directFixed, directPerRow, "");
    RampMethod few = probe.faster(1);
    RampMethod many = probe.faster(Integer.MAX_VALUE);
    if (few == many) {
      verdict = (few == RampMethod.DIRECT ? "direct convolution" : label) + " for every batch size";
    } else {
      long from = (long) Math.ceil(crossing);
      verdict = (few == RampMethod.DIRECT ? "direct convolution" : label) + " below " + from + " rows, "
          + (many == RampMethod.DIRECT ? "direct convolution" : label) + " from there";
    }
    String line = String.format(Locale.ROOT,
        "Ramp filter for rows of %d samples on %s: %s (measured at %d and %d rows: %s %.3f + %.5f ms/row, direct"
            + " convolution %.3f + %.5f ms/row; -Dvip.recon.rampFilter=fft|direct forces one)",
        length, ctx.device(), verdict, SMALL_ROWS, LARGE_ROWS, label, fftFixed, fftPerRow, directFixed,
        directPerRow);
    LOG.info(line);
    return new Measurement(length, fftFixed, fftPerRow, directFixed, directPerRow, line);
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
