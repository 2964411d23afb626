package org.vipboutiques.retry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.execution.Attempt;
import org.vipboutiques.execution.FailureKind;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.JobStatus;
import org.vipboutiques.execution.LogStream;
import org.vipboutiques.execution.job.AbstractJob;
import org.vipboutiques.provenance.ProvenanceRecords;

/**
 * A job that may run several times on its back end. Each attempt is the back end's own job in the
 * same folder; its states and lines are passed on as this job's (the attempt's final state is not:
 * this job has one end), then, when the policy retries its failure, listeners hear
 * {@link JobListener#retrying}, the folder is made clean and, after the back-off, the next attempt
 * starts, from QUEUED again. The result is the last attempt's, with every attempt in it; the
 * provenance record, held until then, is written once with them all.
 */
final class RetryingJob extends AbstractJob {

  private static final Logger LOG = LoggerFactory.getLogger(RetryingJob.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final RetryingExecutor owner;
  private final JobRequest request;
  private final RetryPolicy policy;
  private final AttemptFolder folder;
  private final List<Attempt> attempts = new ArrayList<>();
  // Guarded by this.
  private Job current;
  private Future<?> waiting;
  private JobResult lastFailed;
  private boolean over;
  /** The latest attempt, whose back-end id is this job's. */
  private volatile Job latest;

  RetryingJob(RetryingExecutor owner, JobRequest request, RetryPolicy policy, Path folder, AttemptFolder before) {
    super("retrying-" + SEQUENCE.incrementAndGet(), owner.name(), folder, request.listeners());
    this.owner = owner;
    this.request = request;
    this.policy = policy;
    this.folder = before;
    // No announce(): the request's listeners hear of the job once its first attempt is accepted.
  }

  /** The back end's id of the latest attempt (a container id once the container exists, a Slurm job id, ...). */
  @Override
  public String id() {
    Job j = latest;
    return j == null ? super.id() : j.id();
  }

  /** The request of an attempt: in this job's folder, its events passed on to this job. */
  JobRequest attemptRequest() {
    return RetryingExecutor.attempt(request, workDirectory(), new Forward());
  }

  /** The first attempt was refused: this job never existed. */
  void abandon() {
    owner.active.remove(this);
    ProvenanceRecords.release(workDirectory());
  }

  /** Follows attempt {@code number}, the back end's {@code job}. */
  void follow(Job job, int number) {
    synchronized (this) {
      current = job;
      waiting = null;
    }
    latest = job;
    if (number == 1) {
      announce();
    }
    if (cancelRequested()) {
      job.cancel();
    }
    job.result().whenComplete((r, failure) -> ended(job, number, r));
  }

  private void ended(Job job, int number, JobResult r) {
    if (job instanceof AbstractJob a) {
      a.provenanceFacts().forEach(this::provenanceFact);
    }
    Attempt attempt = Attempt.of(number, r);
    synchronized (this) {
      attempts.add(attempt);
      current = null;
    }
    if (cancelRequested() || owner.closed || !policy.retries(attempt)) {
      end(r);
      return;
    }
    Duration delay = policy.backoffBefore(number + 1);
    LOG.info("{}: attempt {} failed ({}: {}); attempt {} in {}", request.name(), number, attempt.failureKind(),
        attempt.failure().orElse("exit code " + attempt.exitCode().map(String::valueOf).orElse("none")), number + 1,
        delay);
    retrying(attempt, delay);
    transition(JobState.QUEUED, "retry " + (number + 1) + " of " + policy.maxAttempts());
    boolean scheduled;
    synchronized (this) {
      lastFailed = r;
      try {
        waiting = owner.schedule(() -> next(number + 1), delay.toMillis());
        scheduled = true;
      } catch (RejectedExecutionException closed) {
        scheduled = false;
      }
    }
    if (!scheduled) {
      end(r);
    }
  }

  /** Attempt {@code number}: the folder made clean, the request submitted again. */
  private void next(int number) {
    JobResult previous;
    synchronized (this) {
      if (over) {
        return; // cancelled while waiting
      }
      previous = lastFailed;
      waiting = null;
    }
    if (cancelRequested() || owner.closed) {
      end(cancelled(previous));
      return;
    }
    try {
      folder.clean(number - 1);
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}: the job folder {} cannot be made clean for attempt {} ({}): the job ends with attempt {}'s"
          + " failure", request.name(), workDirectory(), number, e.toString(), number - 1);
      end(previous);
      return;
    }
    Job job;
    try {
      job = owner.backend().submit(attemptRequest());
    } catch (JobRejectedException | RuntimeException e) {
      LOG.warn("{}: attempt {} was refused ({}): the job ends with attempt {}'s failure", request.name(), number,
          e.getMessage(), number - 1);
      end(previous);
      return;
    }
    follow(job, number);
  }

  private void end(JobResult last) {
    List<Attempt> all;
    synchronized (this) {
      if (over) {
        return;
      }
      over = true;
      all = List.copyOf(attempts);
      waiting = null;
    }
    owner.active.remove(this);
    // The record, held from the attempts, is written once, with them all.
    ProvenanceRecords.release(workDirectory());
    finish(last.withAttempts(all));
  }

  /** The last attempt's result, as a job cancelled before its next attempt. */
  private JobResult cancelled(JobResult r) {
    return new JobResult(r.jobId(), JobState.CANCELLED, "cancelled before attempt " + (attemptCount() + 1),
        Optional.empty(), Optional.empty(), r.workDirectory(), r.stdoutFile(), r.stderrFile(), r.stdoutTail(),
        r.stderrTail(), r.outputFiles(), r.missingOutputs(), r.commandLine(), r.containerCommand(), r.submittedAt(),
        r.startedAt(), Instant.now(), Optional.empty(), false, FailureKind.NONE, List.of());
  }

  private synchronized int attemptCount() {
    return attempts.size();
  }

  @Override
  protected boolean requestCancel() {
    Job running;
    Future<?> wait;
    JobResult previous;
    synchronized (this) {
      running = current;
      wait = waiting;
      previous = lastFailed;
    }
    if (running != null) {
      return running.cancel();
    }
    if (wait != null && wait.cancel(false)) {
      end(cancelled(previous));
    }
    // Otherwise the next attempt is being started: it sees the cancel, or is cancelled as it is followed.
    return true;
  }

  /** The executor closed: a job waiting for its next attempt ends cancelled (a running one is cancelled by the back end). */
  void executorClosed() {
    JobResult previous;
    synchronized (this) {
      if (current != null || waiting == null || !waiting.cancel(false)) {
        return;
      }
      previous = lastFailed;
    }
    end(cancelled(previous));
  }

  /** Passes an attempt's events on as this job's; its end comes with its result. */
  private final class Forward implements JobListener {
    @Override
    public void stateChanged(Job job, JobStatus status) {
      if (!status.state().isFinal()) {
        transition(status.state(), status.backendState());
      }
    }

    @Override
    public void logLine(Job job, LogStream stream, String line) {
      line(stream, line);
    }
  }
}
