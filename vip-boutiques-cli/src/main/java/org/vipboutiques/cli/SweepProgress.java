package org.vipboutiques.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import org.vipboutiques.execution.Durations;
import org.vipboutiques.sweep.SweepCounts;

/**
 * The progress of a sweep: on a terminal one line redrawn in place, otherwise a plain line each
 * time the counts change (at most one a second), and always the last one.
 */
final class SweepProgress {

  private final PrintWriter out;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private SweepCounts last;
  private long lastPrinted;
  private int width;

  SweepProgress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Since this display was made. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  void update(SweepCounts counts) {
    long now = System.nanoTime();
    if (terminal) {
      String line = line(counts, Duration.ofNanos(now - start));
      out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
      width = line.length();
      out.flush();
    } else if (!counts.equals(last) && (now - lastPrinted >= 1_000_000_000L || counts.finished())) {
      out.println(line(counts, Duration.ofNanos(now - start)));
      out.flush();
      last = counts;
      lastPrinted = now;
    }
  }

  void end(SweepCounts counts) {
    if (terminal) {
      update(counts);
      out.println();
    } else if (!counts.equals(last)) {
      out.println(line(counts, Duration.ofNanos(System.nanoTime() - start)));
    }
    out.flush();
  }

  /** {@code queued 3, running 2, done 10, failed 1 of 16; 2.5 jobs/s, about 1.2s left}. */
  static String line(SweepCounts c, Duration elapsed) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "queued %d, running %d, done %d, failed %d",
        c.queued(), c.running(), c.succeeded(), c.failed()));
    if (c.cancelled() > 0) {
      sb.append(", cancelled ").append(c.cancelled());
    }
    sb.append(" of ").append(c.total());
    double seconds = elapsed.toNanos() / 1e9;
    if (c.ended() > 0 && seconds > 0) {
      double rate = c.ended() / seconds;
      sb.append(String.format(Locale.ROOT, "; %.1f jobs/s", rate));
      if (!c.finished()) {
        sb.append(", about ").append(Durations.format(Duration.ofMillis((long) ((c.total() - c.ended()) / rate * 1000))))
            .append(" left");
      } else {
        sb.append(", took ").append(Durations.format(elapsed));
      }
    }
    return sb.toString();
  }
}
