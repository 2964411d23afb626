package org.vipboutiques.slurm.state;

import java.util.Optional;

/**
 * How a batch script ended, as Slurm records it: an exit code, or the signal that killed it.
 *
 * @param code the exit code (0-255)
 * @param signal the signal that ended it, 0 when none
 */
public record ExitStatus(int code, int signal) {

  public ExitStatus {
    if (code < 0 || signal < 0) {
      throw new IllegalArgumentException("exit code and signal are not negative: " + code + ":" + signal);
    }
  }

  /** {@code 3:0} (sacct, scontrol: code, then signal). */
  public static Optional<ExitStatus> parsePair(String text) {
    String t = text.strip();
    int colon = t.indexOf(':');
    try {
      if (colon < 0) {
        return Optional.of(new ExitStatus(Integer.parseInt(t), 0));
      }
      return Optional.of(new ExitStatus(Integer.parseInt(t.substring(0, colon)),
          Integer.parseInt(t.substring(colon + 1))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code 768} ({@code squeue -O exit_code}: a wait status, the code in the second byte). */
  public static Optional<ExitStatus> parseWaitStatus(String text) {
    try {
      int status = Integer.parseInt(text.strip());
      if (status < 0) {
        return Optional.empty();
      }
      return Optional.of(new ExitStatus((status >> 8) & 0xff, status & 0x7f));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether a signal ended it. */
  public boolean signalled() {
    return signal != 0;
  }
}
