package org.vipboutiques.recon.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints benchmark rows as an aligned text table: task, where, size, median and best ms, GUPS, accuracy. */
public final class BenchReport {
  private final PrintWriter out;

  public BenchReport(PrintWriter out) {
    this.out = out;
    out.printf(Locale.ROOT, "%-40s %-7s %-24s %10s %10s %8s  %s%n", "task", "on", "size", "median ms", "best ms",
        "GUPS", "accuracy / notes");
    out.flush();
  }

  /**
   * One row; {@code updates} is voxels x projections (0 when GUPS does not apply), GUPS from the median.
   * CUDA rows add a line with upload, compute and download times, and GUPS of the compute stage alone.
   */
  public void row(String task, String where, String size, Measurement m, double updates, String notes) {
    String gups = updates > 0 ? String.format(Locale.ROOT, "%8.2f", updates / (m.medianMs() * 1e6)) : "       -";
    out.printf(Locale.ROOT, "%-40s %-7s %-24s %10.1f %10.1f %s  %s%n", task, where, size, m.medianMs(), m.bestMs(), gups,
        notes);
    m.stages().ifPresent(s -> out.printf(Locale.ROOT, "%-40s %-7s %-24s %10s %10s %s  %s%n", "  of which on the device", "",
        "", String.format(Locale.ROOT, "%.2f", s.computeMs()), "",
        updates > 0 ? String.format(Locale.ROOT, "%8.1f", updates / (s.computeMs() * 1e6)) : "       -",
        String.format(Locale.ROOT, "transfers: upload %.2f ms, download %.2f ms", s.uploadMs(), s.downloadMs())));
    out.flush();
  }

  public void note(String line) {
    out.println(line);
    out.flush();
  }
}
