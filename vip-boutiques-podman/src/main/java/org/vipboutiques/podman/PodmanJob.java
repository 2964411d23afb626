package org.vipboutiques.podman;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.vipboutiques.execution.Durations;
import org.vipboutiques.execution.FailureKind;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.LogStream;
import org.vipboutiques.execution.job.AbstractJob;
import org.vipboutiques.execution.job.LogCapture;
import org.vipboutiques.execution.job.PreparedJob;

/** A tool run in a Podman container. Its id is the container's name, known before it runs. */
final class PodmanJob extends AbstractJob {

  final PreparedJob prepared;
  /** Set once more, before the container runs, when the machine's pool leases the job its GPUs. */
  volatile ContainerPlan plan;
  final LogCapture stdout;
  final LogCapture stderr;
  private final PodmanExecutor executor;
  private volatile Process process;
  private volatile boolean timedOut;
  private volatile boolean stopped;
  private volatile Instant startedAt;

  PodmanJob(PreparedJob prepared, ContainerPlan plan, PodmanExecutor executor) {
    super(plan.name(), executor.name(), prepared.folder(), prepared.request().listeners());
    this.prepared = prepared;
    this.plan = plan;
    this.executor = executor;
    this.stdout = new LogCapture(prepared.stdoutFile(), LogCapture.DEFAULT_TAIL, l -> line(LogStream.STDOUT, l));
    this.stderr = new LogCapture(prepared.stderrFile(), LogCapture.DEFAULT_TAIL, l -> line(LogStream.STDERR, l));
    announce();
  }

  void started(Process p) {
    this.process = p;
    startedAt = Instant.now();
    transition(JobState.RUNNING, "running");
    if (cancelRequested()) {
      stop();
    }
  }

  void waitingForGpus(int count) {
    transition(JobState.QUEUED, "waiting for " + count + (count == 1 ? " GPU" : " GPUs"));
  }

  void onDevices(ContainerPlan leased) {
    this.plan = leased;
  }

  Optional<Process> process() {
    return Optional.ofNullable(process);
  }

  /** Whether the container was stopped by a cancel or a timeout (so it is removed for sure). */
  boolean stopped() {
    return stopped;
  }

  /** For the provenance record (AbstractJob's is protected). */
  void fact(String key, String value) {
    provenanceFact(key, value);
  }

  void timedOut() {
    timedOut = true;
    stop();
  }

  private void stop() {
    stopped = true;
    executor.stop(this);
  }

  @Override
  protected boolean requestCancel() {
    if (process != null) {
      stop();
    }
    return true; // not started: the executor sees the flag before it runs podman
  }

  void ended(Optional<Integer> exitCode, Optional<String> failure) {
    ended(exitCode, failure, FailureKind.OTHER);
  }

  /** Ends the job; {@code kind} INFRASTRUCTURE marks a failure a new attempt may cure (retries). */
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
      why = Optional.of("timed out after " + prepared.timeout().map(Durations::format).orElse("?")
          + " and was stopped");
    }
    String backend = cancelled ? "cancelled" : timedOut ? "timed out"
        : failure.isPresent() ? "error" : exitCode.map(c -> "exited (" + c + ")").orElse("error");
    JobResult r = prepared.result(id(), backend, timedOut || cancelled ? Optional.empty() : exitCode, cancelled, why,
        Optional.of(plan.display(executor.cli(), executor.rootless())), Optional.ofNullable(startedAt), stdout, stderr);
    if (kind == FailureKind.INFRASTRUCTURE && failure.isPresent() && r.state() == JobState.FAILED && !timedOut
        && !cancelled) {
      r = r.withFailure(FailureKind.INFRASTRUCTURE, failure.get());
    }
    finish(r);
  }
}
