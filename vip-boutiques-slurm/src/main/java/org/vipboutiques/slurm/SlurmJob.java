package org.vipboutiques.slurm;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.vipboutiques.execution.Durations;
import org.vipboutiques.execution.FailureKind;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.LogStream;
import org.vipboutiques.execution.job.AbstractJob;
import org.vipboutiques.execution.job.LogCapture;
import org.vipboutiques.execution.job.PreparedJob;
import org.vipboutiques.execution.job.SmallFile;
import org.vipboutiques.slurm.script.BatchScript;
import org.vipboutiques.slurm.state.ExitStatus;
import org.vipboutiques.slurm.state.SlurmState;

/**
 * A tool run as a Slurm job, or as one task of a job array. Its id is Slurm's: {@code 1234}, or
 * {@code 1234_7} for task 7 of array 1234 (the form {@code squeue}, {@code sacct} and
 * {@code scancel} take). The monitor's bookkeeping fields are touched by its thread only.
 */
final class SlurmJob extends AbstractJob {

  private final PreparedJob prepared;
  /** What is read of the batch script's error file for its messages (they come before the tool runs). */
  private static final int MAX_SLURM_ERR_READ = 1 << 20;
  private static final int MAX_MESSAGES = 20;
  private static final int MAX_COMMAND_BYTES = 1 << 20;

  private final SlurmExecutor executor;
  private final String queryId;
  private final Path slurmErr;
  private final boolean requeue;
  final LogFollower stdout;
  final LogFollower stderr;
  private volatile Instant startedAt;
  private volatile boolean cancelSent;

  // The monitor's bookkeeping.
  String nodes = "";
  Instant missingSince;
  Instant nodeLostSince;
  Instant completingSince;
  Optional<JobState> storedFinal = Optional.empty();

  /**
   * @param queryId what squeue is asked for: the job's id, or its array's
   * @param slurmErr Slurm's error file for the job (its messages and the batch script's)
   */
  SlurmJob(String id, String queryId, PreparedJob prepared, Path slurmErr, boolean requeue, SlurmExecutor executor) {
    super(id, executor.name(), prepared.folder(), prepared.request().listeners());
    this.prepared = prepared;
    this.executor = executor;
    this.queryId = queryId;
    this.slurmErr = slurmErr;
    this.requeue = requeue;
    this.stdout = new LogFollower(prepared.stdoutFile(), l -> line(LogStream.STDOUT, l));
    this.stderr = new LogFollower(prepared.stderrFile(), l -> line(LogStream.STDERR, l));
    announce();
  }

  PreparedJob prepared() {
    return prepared;
  }

  String queryId() {
    return queryId;
  }

  Path slurmErr() {
    return slurmErr;
  }

  /** Whether a PREEMPTED job goes back to the queue (submitted with --requeue) rather than ending. */
  boolean requeue() {
    return requeue;
  }

  Optional<Instant> startedAt() {
    return Optional.ofNullable(startedAt);
  }

  /**
   * Records when it started, once. Slurm's clock (and zone) may differ from ours: a time
   * before the submission or after now is replaced by the nearer bound.
   */
  void started(Instant when) {
    if (startedAt == null) {
      Instant now = Instant.now();
      Instant floor = prepared.submittedAt().minusSeconds(1);
      startedAt = when.isBefore(floor) ? prepared.submittedAt() : when.isAfter(now) ? now : when;
    }
  }

  @Override
  protected boolean requestCancel() {
    boolean sent = executor.cancel(this);
    cancelSent |= sent;
    return sent;
  }

  /** Records that scancel was sent for it (cancel-on-close). */
  void cancelSent() {
    cancelSent = true;
  }

  /** A new state seen; returns whether it differs from the last one. */
  boolean observe(JobState state, String backendState) {
    var before = status();
    transition(state, backendState);
    return status() != before;
  }

  /** The tool's exit code, as the batch script left it in the job folder. */
  Optional<Integer> exitCodeFromFolder() {
    try {
      // A link, a pipe or a big file the tool left at that name is no code.
      Optional<String> text = SmallFile.read(prepared.folder().resolve(BatchScript.EXIT_CODE_FILE), 64);
      return text.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(text.get().strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The result of the job that ended (or is given up): its outputs looked for, its logs read to
   * their end. {@link #complete} then reports it.
   *
   * @param state Slurm's final state, when known
   * @param backendState Slurm's words for it, for the result
   * @param slurmExit how Slurm says the batch script ended, when it says
   * @param failure what went wrong outside the tool, when the caller knows better than the state
   */
  JobResult outcome(Optional<SlurmState> state, String backendState, Optional<ExitStatus> slurmExit,
      Optional<String> failure) {
    if (!nodes.isEmpty()) {
      provenanceFact("nodes", nodes); // squeue's, sacct's or scontrol's NodeList: where it ran
    }
    Optional<Integer> fromFolder = exitCodeFromFolder();
    Optional<Integer> code = fromFolder.or(() -> slurmExit.filter(e -> !e.signalled()).map(ExitStatus::code));
    if (code.isEmpty() && state.equals(Optional.of(SlurmState.COMPLETED))) {
      code = Optional.of(0);
    }
    boolean cancelled = cancelSent || state.equals(Optional.of(SlurmState.CANCELLED));
    Optional<String> why = failure;
    if (why.isEmpty() && state.isPresent() && !cancelSent) {
      SlurmState s = state.get();
      switch (s) {
        case COMPLETED, FAILED -> why = fromFolder.isPresent() ? Optional.empty() : setupFailure(slurmExit);
        case CANCELLED -> why = Optional.of("cancelled outside vip-boutiques (scancel, or by an administrator)");
        case TIMEOUT -> {
          code = Optional.empty();
          why = Optional.of("timed out: it exceeded its Slurm time limit"
              + prepared.timeout().map(t -> " (--time=" + BatchScript.time(t) + ", from a timeout of "
                  + Durations.format(t) + ")").orElse("") + " and was stopped (TIMEOUT)");
        }
        case NODE_FAIL -> {
          code = Optional.empty();
          why = Optional.of("its node " + (nodes.isEmpty() ? "" : nodes + " ") + "failed while it ran (NODE_FAIL):"
              + " slurmd stopped answering or the node went down; submit it again");
        }
        case OUT_OF_MEMORY -> why = Optional.of("it ran out of memory (OUT_OF_MEMORY); ask for more with the"
            + " descriptor's suggested-resources ram, or the option sbatch.mem=8G");
        default -> why = Optional.of("Slurm ended it: " + s.meaning() + " (" + s.name() + ")");
      }
    }
    LogCapture out = stdout.finish();
    LogCapture err = stderr.finish();
    JobResult r = prepared.result(id(), backendState, code, cancelled, why, containerCommand(), startedAt(), out, err);
    if (r.state() == JobState.FAILED && why.isPresent() && failure.isEmpty() && !cancelSent
        && state.filter(INFRASTRUCTURE::contains).isPresent()) {
      r = r.withFailure(FailureKind.INFRASTRUCTURE, why.get());
    }
    return r;
  }

  /** The ends of a job that the cluster, not the tool, caused: another attempt may well succeed. */
  static final java.util.Set<SlurmState> INFRASTRUCTURE = java.util.EnumSet.of(SlurmState.NODE_FAIL,
      SlurmState.PREEMPTED, SlurmState.BOOT_FAIL);

  /** Reports the end: final status to listeners, then the result. */
  void complete(JobResult result) {
    finish(result);
  }

  /** Why the tool may not have run: the batch script's own messages, or the signal that killed it. */
  private Optional<String> setupFailure(Optional<ExitStatus> slurmExit) {
    // The script's messages come first; a tool that fills the file with gigabytes is not read whole.
    List<String> messages = SmallFile.head(slurmErr, MAX_SLURM_ERR_READ).stream()
        .flatMap(String::lines)
        .filter(l -> l.startsWith(BatchScript.MESSAGE_PREFIX))
        .limit(MAX_MESSAGES)
        .map(l -> l.substring(BatchScript.MESSAGE_PREFIX.length())).toList();
    if (!messages.isEmpty()) {
      return Optional.of("the batch script could not run the tool: " + String.join("; ", messages) + " (see "
          + slurmErr + ")");
    }
    if (slurmExit.isPresent() && slurmExit.get().signalled()) {
      return Optional.of("the batch script was killed by signal " + slurmExit.get().signal() + " (see " + slurmErr
          + ")");
    }
    return Optional.empty();
  }

  private Optional<String> containerCommand() {
    return SmallFile.read(prepared.folder().resolve(BatchScript.CONTAINER_COMMAND_FILE), MAX_COMMAND_BYTES)
        .map(String::strip);
  }
}
