package org.vipboutiques.execution;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Reads durations as people write them: {@code 90}, {@code 90s}, {@code 1.5m}, {@code 2h}, {@code PT5M}. */
public final class Durations {

  private Durations() {}

  public static Duration parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (s.startsWith("pt") || s.startsWith("p")) {
        return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      }
      double factor = 1;
      if (s.endsWith("ms")) {
        factor = 0.001;
        s = s.substring(0, s.length() - 2);
      } else if (s.endsWith("s")) {
        s = s.substring(0, s.length() - 1);
      } else if (s.endsWith("m")) {
        factor = 60;
        s = s.substring(0, s.length() - 1);
      } else if (s.endsWith("h")) {
        factor = 3600;
        s = s.substring(0, s.length() - 1);
      } else if (s.endsWith("d")) {
        factor = 86400;
        s = s.substring(0, s.length() - 1);
      }
      double seconds = Double.parseDouble(s) * factor;
      if (!(seconds > 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException("a duration must be positive: \"" + text + "\"");
      }
      return Duration.ofMillis(Math.round(seconds * 1000));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration: \"" + text + "\" (write 90s, 5m, 2h or PT5M)");
    }
  }

  /** {@code 1h02m03s}, {@code 4.2s}: short, for humans. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
  }
}
