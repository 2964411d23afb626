package org.vipboutiques.process;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.LogStream;
import org.vipboutiques.execution.job.AbstractJob;
import org.vipboutiques.execution.job.LogCapture;
import org.vipboutiques.execution.job.PreparedJob;

/** A job run as a process of this machine. Its id is the process id once it runs. */
final class ProcessJob extends AbstractJob {

  private final PreparedJob prepared;
  private final ProcessLauncher.Launch launch;
  private final ProcessExecutor executor;
  final FollowedLog stdout;
  final FollowedLog stderr;
  private volatile ProcessHandle process;
  private volatile boolean ownGroup;
  private volatile boolean timedOut;
  private volatile Instant startedAt;

  ProcessJob(String provisionalId, PreparedJob prepared, ProcessLauncher.Launch launch, ProcessExecutor executor) {
    super(provisionalId, executor.name(), prepared.folder(), prepared.request().listeners());
    this.prepared = prepared;
    this.launch = launch;
    this.executor = executor;
    this.stdout = new FollowedLog(prepared.stdoutFile(),
        LogCapture.following(LogCapture.DEFAULT_TAIL, l -> line(LogStream.STDOUT, l)));
    this.stderr = new FollowedLog(prepared.stderrFile(),
        LogCapture.following(LogCapture.DEFAULT_TAIL, l -> line(LogStream.STDERR, l)));
    announce();
  }

  /** A job started by an earlier process, followed again: running (or ended) already. */
  ProcessJob(String pid, PreparedJob prepared, ProcessHandle process, Instant startedAt, ProcessExecutor executor) {
    this(pid, prepared, new ProcessLauncher.Launch(List.of("?"), java.util.Map.of(), Optional.empty()), executor);
    this.process = process;
    this.ownGroup = true;
    this.startedAt = startedAt;
    stdout.skipToTail(LogCapture.DEFAULT_TAIL);
    stderr.skipToTail(LogCapture.DEFAULT_TAIL);
    transition(JobState.RUNNING, "running (pid " + pid + ", re-attached)");
  }

  /** Reads what the process wrote to its logs since the last poll. */
  void pollLogs() {
    stdout.poll();
    stderr.poll();
  }

  ProcessHandle process() {
    return process;
  }

  PreparedJob prepared() {
    return prepared;
  }

  ProcessLauncher.Launch launch() {
    return launch;
  }

  void started(ProcessHandle handle, boolean inOwnGroup) {
    this.process = handle;
    this.ownGroup = inOwnGroup;
    this.startedAt = Instant.now();
    id(Long.toString(handle.pid()));
    executor.started(this, handle);
    transition(JobState.RUNNING, "running (pid " + handle.pid() + ")");
    if (cancelRequested()) {
      stopProcess();
    }
  }

  /** The job waits in the queue for devices. */
  void waitingForGpus(int count) {
    transition(JobState.QUEUED, "waiting for " + count + (count == 1 ? " GPU" : " GPUs"));
  }

  /** What the job was given, or why it runs on the CPU, for its provenance record. */
  void gpus(String what) {
    provenanceFact("gpus", what);
  }

  void timedOut() {
    timedOut = true;
    stopProcess();
  }

  @Override
  protected boolean requestCancel() {
    if (process == null) {
      // Not started yet: the executor drops it when its turn comes.
      executor.dropQueued(this);
      return true;
    }
    executor.stopAsync(this);
    return true;
  }

  void stopProcess() {
    ProcessHandle p = process;
    if (p != null) {
      ProcessTree.stop(p, ownGroup, Duration.ofSeconds(5));
    }
  }

  /** The process ended (or never started). */
  void ended(Optional<Integer> exitCode, Optional<String> failure) {
    closeLogs();
    boolean cancelled = cancelRequested() && !timedOut;
    Optional<String> why = failure;
    if (timedOut) {
      why = Optional.of("timed out after " + prepared.timeout().map(org.vipboutiques.execution.Durations::format).orElse("?")
          + " and was stopped");
    }
    String backend = cancelled ? "cancelled" : timedOut ? "timed out"
        : exitCode.map(c -> "exited " + c).orElse("failed");
    finish(prepared.result(id(), backend, timedOut ? Optional.empty() : exitCode, cancelled, why,
        launch.displayCommand(), Optional.ofNullable(startedAt), stdout.capture(), stderr.capture()));
  }

  private void closeLogs() {
    stdout.finish();
    stderr.finish();
  }
}
