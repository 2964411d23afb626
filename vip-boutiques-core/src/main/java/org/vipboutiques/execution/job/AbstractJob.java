package org.vipboutiques.execution.job;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.JobStatus;
import org.vipboutiques.execution.LogStream;

/**
 * The bookkeeping every back end's job shares: status, listeners, the result future. A back
 * end reports with {@link #transition}, {@link #line} and {@link #finish}, and implements
 * {@link #requestCancel()}.
 */
public abstract class AbstractJob implements Job {

  private static final Logger LOG = LoggerFactory.getLogger(AbstractJob.class);

  private final String executorName;
  private final Path workDirectory;
  private final CompletableFuture<JobResult> result = new CompletableFuture<>();
  private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
  private volatile String id;
  private volatile JobStatus status;
  private volatile boolean cancelRequested;

  protected AbstractJob(String id, String executorName, Path workDirectory) {
    this.id = Objects.requireNonNull(id, "id");
    this.executorName = Objects.requireNonNull(executorName, "executorName");
    this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
    this.status = new JobStatus(JobState.QUEUED, "queued", Instant.now());
  }

  @Override
  public String id() {
    return id;
  }

  /** For back ends that learn the id after submission. */
  protected void id(String newId) {
    this.id = Objects.requireNonNull(newId, "newId");
  }

  @Override
  public String executorName() {
    return executorName;
  }

  @Override
  public Path workDirectory() {
    return workDirectory;
  }

  @Override
  public JobStatus status() {
    return status;
  }

  @Override
  public CompletableFuture<JobResult> result() {
    return result;
  }

  @Override
  public Job addListener(JobListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    safely(() -> listener.stateChanged(this, status));
    return this;
  }

  @Override
  public final boolean cancel() {
    if (status.state().isFinal()) {
      return false;
    }
    cancelRequested = true;
    return requestCancel();
  }

  /** Whether {@link #cancel()} was called. */
  public boolean cancelRequested() {
    return cancelRequested;
  }

  /** Asks the back end to stop the job; returns whether the request was made. */
  protected abstract boolean requestCancel();

  /** A new state (ignored once final). */
  protected synchronized void transition(JobState state, String backendState) {
    JobStatus current = status;
    if (current.state().isFinal()) {
      return;
    }
    if (current.state() == state && current.backendState().equals(backendState)) {
      return;
    }
    JobStatus next = new JobStatus(state, backendState, Instant.now());
    status = next;
    for (JobListener l : listeners) {
      safely(() -> l.stateChanged(this, next));
    }
  }

  /** A line of the tool's output. */
  protected void line(LogStream stream, String text) {
    for (JobListener l : listeners) {
      safely(() -> l.logLine(this, stream, text));
    }
  }

  /** The end: the final status, then the result (once; later calls are ignored). */
  protected void finish(JobResult jobResult) {
    synchronized (this) {
      if (result.isDone()) {
        return;
      }
      JobStatus next = new JobStatus(jobResult.state(), jobResult.backendState(), jobResult.finishedAt());
      status = next;
      for (JobListener l : listeners) {
        safely(() -> l.stateChanged(this, next));
      }
    }
    result.complete(jobResult);
  }

  private void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("a job listener failed: {}", e.toString());
    }
  }

  @Override
  public String toString() {
    return executorName + " job " + id + " (" + status.state() + ")";
  }
}
