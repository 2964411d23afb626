package org.vipboutiques.recon.bench;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.vipboutiques.recon.backend.StageTimings;
import org.vipboutiques.recon.backend.Timed;

/**
 * Times of repeated runs after warm-up: the median is the figure to quote, the best shows what the
 * machine can do when nothing else competes for it. {@code stages} holds the CUDA split (upload,
 * compute, download) of the median run, when the kernel reports it.
 */
public record Measurement(double medianMs, double bestMs, int runs, Optional<StageTimings> stages) {

  /** Runs {@code task} {@code warmup} times untimed, then {@code repeats} times timed; returns the last result. */
  public static <T> Measured<T> run(int warmup, int repeats, Object kernel, Supplier<T> task) {
    T result = null;
    for (int i = 0; i < warmup; i++) {
      result = task.get();
    }
    double[] ms = new double[repeats];
    StageTimings[] stages = new StageTimings[repeats];
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      result = task.get();
      ms[i] = (System.nanoTime() - t0) / 1e6;
      if (kernel instanceof Timed t) {
        stages[i] = t.lastTimings().orElse(null);
      }
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    double median = sorted[repeats / 2];
    int medianRun = 0;
    for (int i = 0; i < repeats; i++) {
      if (ms[i] == median) {
        medianRun = i;
      }
    }
    return new Measured<>(new Measurement(median, sorted[0], repeats, Optional.ofNullable(stages[medianRun])), result);
  }
}
