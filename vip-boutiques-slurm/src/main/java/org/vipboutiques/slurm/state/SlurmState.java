package org.vipboutiques.slurm.state;

import java.util.Locale;
import java.util.Optional;
import org.vipboutiques.execution.JobState;

/**
 * Slurm's job states (as {@code squeue}, {@code sacct} and {@code scontrol} name them) and the
 * executor API's state each one means. Final states end the job; the others are waiting or
 * running.
 */
public enum SlurmState {
  PENDING(JobState.QUEUED, false, "waiting for resources"),
  CONFIGURING(JobState.QUEUED, false, "its nodes are being set up"),
  REQUEUED(JobState.QUEUED, false, "requeued"),
  REQUEUE_HOLD(JobState.QUEUED, false, "requeued and held"),
  REQUEUE_FED(JobState.QUEUED, false, "requeued by the federation"),
  RESV_DEL_HOLD(JobState.QUEUED, false, "held: its reservation was deleted"),
  RUNNING(JobState.RUNNING, false, "running"),
  COMPLETING(JobState.RUNNING, false, "ending: Slurm is cleaning up its nodes"),
  STAGE_OUT(JobState.RUNNING, false, "staging out"),
  SIGNALING(JobState.RUNNING, false, "being signalled"),
  RESIZING(JobState.RUNNING, false, "being resized"),
  SUSPENDED(JobState.RUNNING, false, "suspended"),
  STOPPED(JobState.RUNNING, false, "stopped (SIGSTOP)"),
  COMPLETED(JobState.SUCCEEDED, true, "completed with exit code 0"),
  FAILED(JobState.FAILED, true, "ended with a non-zero exit code or another failure"),
  CANCELLED(JobState.CANCELLED, true, "cancelled"),
  TIMEOUT(JobState.FAILED, true, "timed out: it exceeded its time limit and was stopped"),
  NODE_FAIL(JobState.FAILED, true, "its node failed"),
  OUT_OF_MEMORY(JobState.FAILED, true, "ran out of memory"),
  PREEMPTED(JobState.FAILED, true, "preempted by another job"),
  BOOT_FAIL(JobState.FAILED, true, "its node failed to boot"),
  DEADLINE(JobState.FAILED, true, "reached its deadline before it could end"),
  REVOKED(JobState.FAILED, true, "revoked: the federation ran it on another cluster"),
  SPECIAL_EXIT(JobState.FAILED, true, "held in a special exit state");

  private final JobState jobState;
  private final boolean isFinal;
  private final String meaning;

  SlurmState(JobState jobState, boolean isFinal, String meaning) {
    this.jobState = jobState;
    this.isFinal = isFinal;
    this.meaning = meaning;
  }

  /**
   * The executor API's state. {@link #COMPLETED} maps to {@link JobState#SUCCEEDED} only as far
   * as Slurm knows: a missing required output still fails the job.
   */
  public JobState jobState() {
    return jobState;
  }

  /** Whether Slurm will not change it any more. */
  public boolean isFinal() {
    return isFinal;
  }

  /** A few words for messages: "timed out: it exceeded its time limit and was stopped". */
  public String meaning() {
    return meaning;
  }

  /**
   * The state a Slurm command printed: {@code RUNNING}, {@code CANCELLED by 1000} (sacct),
   * {@code cancelled}, {@code CA} (short codes). Empty for a word this version does not know.
   */
  public static Optional<SlurmState> parse(String text) {
    String word = text.strip();
    int space = word.indexOf(' ');
    if (space >= 0) {
      word = word.substring(0, space);
    }
    word = word.toUpperCase(Locale.ROOT).replace('+', ' ').strip();
    if (word.isEmpty()) {
      return Optional.empty();
    }
    for (SlurmState s : values()) {
      if (s.name().equals(word)) {
        return Optional.of(s);
      }
    }
    return Optional.ofNullable(switch (word) {
      case "PD" -> PENDING;
      case "CF" -> CONFIGURING;
      case "RQ" -> REQUEUED;
      case "RH" -> REQUEUE_HOLD;
      case "RF" -> REQUEUE_FED;
      case "RD" -> RESV_DEL_HOLD;
      case "R" -> RUNNING;
      case "CG" -> COMPLETING;
      case "SO" -> STAGE_OUT;
      case "SI" -> SIGNALING;
      case "RS" -> RESIZING;
      case "S" -> SUSPENDED;
      case "ST" -> STOPPED;
      case "CD" -> COMPLETED;
      case "F" -> FAILED;
      case "CA" -> CANCELLED;
      case "TO" -> TIMEOUT;
      case "NF" -> NODE_FAIL;
      case "OOM" -> OUT_OF_MEMORY;
      case "PR" -> PREEMPTED;
      case "BF" -> BOOT_FAIL;
      case "DL" -> DEADLINE;
      case "RV" -> REVOKED;
      case "SE" -> SPECIAL_EXIT;
      default -> null;
    });
  }
}
