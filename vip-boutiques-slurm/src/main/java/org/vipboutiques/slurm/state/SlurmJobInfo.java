package org.vipboutiques.slurm.state;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What Slurm said of one job in one answer, whichever command gave it.
 *
 * @param id the job's id: {@code 1234} for a job, {@code 1234_7} for a task of an array
 * @param state the state, when Slurm used a word this version knows
 * @param rawState the state as printed ({@code CANCELLED by 0})
 * @param reason why it waits or why it ended ({@code Resources}, {@code NonZeroExitCode}, {@code None})
 * @param exit how the batch script ended, once it did
 * @param nodes the nodes it runs or ran on, as a Slurm host list ({@code node[1-3]}); empty when none
 * @param startedAt when it started, when it did
 * @param source the command that said it ({@code squeue}, {@code sacct}, {@code scontrol})
 */
public record SlurmJobInfo(String id, Optional<SlurmState> state, String rawState, String reason,
    Optional<ExitStatus> exit, String nodes, Optional<Instant> startedAt, String source) {

  public SlurmJobInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(rawState, "rawState");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(exit, "exit");
    Objects.requireNonNull(nodes, "nodes");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(source, "source");
  }

  /** Whether Slurm will not change it any more. */
  public boolean isFinal() {
    return state.map(SlurmState::isFinal).orElse(false);
  }

  /** The state and, when it says something, the reason: {@code PENDING (Resources)}. */
  public String describe() {
    boolean saysSomething = !reason.isEmpty() && !reason.equals("None") && !reason.equals("(null)");
    return rawState + (saysSomething ? " (" + reason + ")" : "");
  }
}
