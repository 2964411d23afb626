package org.vipboutiques.docker;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.vipboutiques.execution.FailureKind;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.LogStream;
import org.vipboutiques.execution.job.AbstractJob;
import org.vipboutiques.execution.job.LogCapture;
import org.vipboutiques.execution.job.PreparedJob;

/** A tool run in a Docker container. Its id is the container id once the container exists. */
final class DockerJob extends AbstractJob {

  final PreparedJob prepared;
  final LogCapture stdout;
  final LogCapture stderr;
  private final DockerExecutor executor;
  private volatile String containerId;
  private volatile boolean timedOut;
  private volatile Instant startedAt;
  private volatile String containerCommand;
  private volatile boolean reattached;

  DockerJob(String provisionalId, PreparedJob prepared, DockerExecutor executor) {
    this(provisionalId, prepared, executor, true);
  }

  /**
   * @param writeLogs false for a re-attach that found no container: the log files keep what the
   *     dead JVM wrote, nothing replaces them
   */
  DockerJob(String provisionalId, PreparedJob prepared, DockerExecutor executor, boolean writeLogs) {
    super(provisionalId, executor.name(), prepared.folder(), prepared.request().listeners());
    this.prepared = prepared;
    this.executor = executor;
    this.stdout = writeLogs
        ? new LogCapture(prepared.stdoutFile(), LogCapture.DEFAULT_TAIL, l -> line(LogStream.STDOUT, l))
        : LogCapture.following(LogCapture.DEFAULT_TAIL, l -> line(LogStream.STDOUT, l));
    this.stderr = writeLogs
        ? new LogCapture(prepared.stderrFile(), LogCapture.DEFAULT_TAIL, l -> line(LogStream.STDERR, l))
        : LogCapture.following(LogCapture.DEFAULT_TAIL, l -> line(LogStream.STDERR, l));
    announce();
  }

  void created(String id, String command) {
    this.containerId = id;
    this.containerCommand = command;
    id(id.length() > 12 ? id.substring(0, 12) : id);
    transition(JobState.QUEUED, "created");
  }

  /** The job waits in the queue for devices of this machine's pool. */
  void waitingForGpus(int count) {
    transition(JobState.QUEUED, "waiting for " + count + (count == 1 ? " GPU" : " GPUs"));
  }

  /** The container an earlier JVM made, found again: running (or ended) already. */
  void attached(String id, String command, Optional<Instant> started) {
    this.reattached = true;
    this.containerId = id;
    this.containerCommand = command;
    this.startedAt = started.orElse(null);
    id(id.length() > 12 ? id.substring(0, 12) : id);
    transition(JobState.RUNNING, "running (container " + id() + ", re-attached)");
    if (cancelRequested()) {
      executor.stop(this);
    }
  }

  boolean reattached() {
    return reattached;
  }

  void running() {
    startedAt = Instant.now();
    transition(JobState.RUNNING, "running");
    if (cancelRequested()) {
      executor.stop(this);
    }
  }

  /** For the provenance record (AbstractJob's is protected). */
  void fact(String key, String value) {
    provenanceFact(key, value);
  }

  Optional<String> containerId() {
    return Optional.ofNullable(containerId);
  }

  void timedOut() {
    timedOut = true;
    executor.stop(this);
  }

  @Override
  protected boolean requestCancel() {
    if (containerId == null) {
      return true; // the executor sees the flag before creating or starting the container
    }
    executor.stop(this);
    return true;
  }

  boolean wasTimedOut() {
    return timedOut;
  }

  void ended(Optional<Integer> exitCode, Optional<String> failure) {
    ended(exitCode, failure, FailureKind.OTHER);
  }

  /** @param kind what a failure outside the tool is, when there is one */
  void ended(Optional<Integer> exitCode, Optional<String> failure, FailureKind kind) {
    try {
      stdout.close();
      stderr.close();
    } catch (IOException e) {
      // the tails in memory remain
    }
    boolean cancelled = cancelRequested() && !timedOut;
    Optional<String> why = failure;
    if (timedOut) {
      why = Optional.of("timed out after " + prepared.timeout().map(org.vipboutiques.execution.Durations::format)
          .orElse("?") + " and was stopped");
    }
    String backend = cancelled ? "cancelled" : timedOut ? "timed out"
        : failure.isPresent() ? "error" : exitCode.map(c -> "exited (" + c + ")").orElse("error");
    JobResult r = prepared.result(id(), backend, timedOut || cancelled ? Optional.empty() : exitCode, cancelled, why,
        Optional.ofNullable(containerCommand), Optional.ofNullable(startedAt), stdout, stderr);
    if (kind == FailureKind.INFRASTRUCTURE && failure.isPresent() && r.state() == JobState.FAILED && !timedOut) {
      r = r.withFailure(FailureKind.INFRASTRUCTURE, failure.get());
    }
    finish(r);
  }
}
