package org.vipboutiques.slurm.command;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a Slurm command answered: its exit code and both streams.
 *
 * @param command the program and its arguments, as run
 * @param took wall time from start to exit
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr, Duration took) {

  public CommandResult {
    command = List.copyOf(command);
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(took, "took");
  }

  public boolean ok() {
    return exitCode == 0;
  }

  /** The first non-blank line of stderr (else stdout), for messages. */
  public String firstErrorLine() {
    for (String text : List.of(stderr, stdout)) {
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          return line.strip();
        }
      }
    }
    return "(no output)";
  }

  /** {@code squeue exited 1: slurm_load_jobs error: ...}, for messages. */
  public String describe() {
    String program = command.isEmpty() ? "?" : command.get(0);
    int slash = program.lastIndexOf('/');
    return program.substring(slash + 1) + " exited " + exitCode + ": " + firstErrorLine();
  }
}
