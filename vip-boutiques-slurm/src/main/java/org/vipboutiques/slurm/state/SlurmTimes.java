package org.vipboutiques.slurm.state;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Slurm's timestamps ({@code 2026-11-25T03:36:18}, the controller's local time). */
final class SlurmTimes {

  private SlurmTimes() {}

  /** Empty for {@code N/A}, {@code Unknown}, {@code None} and anything else that is not a time. */
  static Optional<Instant> parse(String text) {
    String t = text.strip();
    if (t.length() < 19 || !Character.isDigit(t.charAt(0))) {
      return Optional.empty();
    }
    try {
      // Slurm prints the controller's local time without a zone; this machine's zone is the best guess.
      return Optional.of(LocalDateTime.parse(t.substring(0, 19)).atZone(ZoneId.systemDefault()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
