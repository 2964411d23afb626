package org.vipboutiques.execution.job;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.execution.Attempt;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.JobStatus;
import org.vipboutiques.execution.LogStream;
import org.vipboutiques.provenance.ProvenanceRecords;

/**
 * The bookkeeping every back end's job shares: status, listeners, the result future. A back
 * end reports with {@link #transition}, {@link #line} and {@link #finish}, implements
 * {@link #requestCancel()}, and calls {@link #announce()} at the end of its constructor.
 *
 * <p>Listeners are told every event of the job in one order, one event at a time: the queued
 * state first, a running state before the first line (a line is proof that the tool runs, even
 * when the back end's own word for it comes later), every line, and the final state last, after
 * which the result completes. Events are queued as they happen and delivered by whichever thread
 * finds no delivery under way, outside any lock, so a listener that calls back into the job
 * (cancels it, adds a listener) neither deadlocks nor reorders events.
 */
public abstract class AbstractJob implements Job {

  private static final Logger LOG = LoggerFactory.getLogger(AbstractJob.class);

  /** Lines kept for listeners added late, by their total length; states are always kept. */
  static final int HISTORY_CHARS = 256 * 1024;

  private final String executorName;
  private final Path workDirectory;
  private final CompletableFuture<JobResult> result = new CompletableFuture<>();
  private volatile String id;
  private volatile JobStatus status;
  private volatile boolean cancelRequested;
  private final java.util.Map<String, String> provenanceFacts = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>());

  private final Object lock = new Object();
  // Guarded by lock.
  private final ArrayDeque<Object> pending = new ArrayDeque<>();
  private boolean delivering;
  private boolean finished;
  // Touched by the delivering thread only (one at a time, handed over through lock).
  private final List<JobListener> listeners = new ArrayList<>();
  /** The result, completed once the events before it are all delivered; guarded by {@code lock}. */
  private JobResult completeWith;
  private final ArrayDeque<Object> history = new ArrayDeque<>();
  private long historyChars;
  private long linesForgotten;

  protected AbstractJob(String id, String executorName, Path workDirectory) {
    this(id, executorName, workDirectory, List.of());
  }

  /**
   * @param listeners the request's listeners ({@link org.vipboutiques.execution.JobRequest#listeners()}):
   *     they are told every event from the queued state on
   */
  protected AbstractJob(String id, String executorName, Path workDirectory, List<JobListener> listeners) {
    this.id = Objects.requireNonNull(id, "id");
    this.executorName = Objects.requireNonNull(executorName, "executorName");
    this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
    this.status = new JobStatus(JobState.QUEUED, "queued", Instant.now());
    this.listeners.addAll(listeners);
    pending.add(new StateEvent(status, null));
    EndedJobs.started(workDirectory);
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

  /**
   * Adds a listener: it is first told what already happened, in order (every state, and the
   * latest lines up to {@value #HISTORY_CHARS} characters; the whole output is in the job folder's
   * log files), then every later event. A request's listeners miss nothing.
   */
  @Override
  public Job addListener(JobListener listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (lock) {
      pending.add(new AddListener(listener));
    }
    deliver();
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

  /**
   * A fact the back end knows about the run (the image digest, the node, the GPUs given), kept in
   * the run's provenance record under {@code vip:execution.backend}.
   */
  protected void provenanceFact(String key, String value) {
    provenanceFacts.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
  }

  /** The facts given with {@link #provenanceFact} so far, for a job that passes on another's. */
  public final java.util.Map<String, String> provenanceFacts() {
    synchronized (provenanceFacts) {
      return java.util.Map.copyOf(provenanceFacts);
    }
  }

  /** Asks the back end to stop the job; returns whether the request was made. */
  protected abstract boolean requestCancel();

  /**
   * Tells the request's listeners that the job is queued. A back end calls it last in its
   * constructor, once the job is whole; without it, the first other event tells them.
   */
  protected final void announce() {
    deliver();
  }

  /** A new state (ignored once final). */
  protected void transition(JobState state, String backendState) {
    synchronized (lock) {
      changeState(state, backendState);
    }
    deliver();
  }

  private void changeState(JobState state, String backendState) {
    JobStatus current = status;
    if (current.state().isFinal() || finished) {
      return;
    }
    if (current.state() == state && current.backendState().equals(backendState)) {
      return;
    }
    JobStatus next = new JobStatus(state, backendState, Instant.now());
    status = next;
    pending.add(new StateEvent(next, null));
  }

  /** A line of the tool's output (ignored once the job ended). */
  protected void line(LogStream stream, String text) {
    synchronized (lock) {
      if (finished || status.state().isFinal()) {
        LOG.debug("{}: a line after the end was dropped", this);
        return;
      }
      if (status.state() == JobState.QUEUED) {
        changeState(JobState.RUNNING, "running");
      }
      pending.add(new LineEvent(stream, text));
    }
    deliver();
  }

  /**
   * An attempt failed and another follows after {@code delay} (ignored once the job ended): its
   * listeners hear {@link JobListener#retrying} after every event before it, and the next
   * attempt's events after it.
   */
  protected void retrying(Attempt failed, Duration delay) {
    Objects.requireNonNull(failed, "failed");
    Objects.requireNonNull(delay, "delay");
    synchronized (lock) {
      if (finished || status.state().isFinal()) {
        return;
      }
      pending.add(new RetryEvent(failed, delay));
    }
    deliver();
  }

  /** The end: the final status to the listeners, then the result (once; later calls are ignored). */
  protected void finish(JobResult jobResult) {
    synchronized (lock) {
      if (finished) {
        return;
      }
      finished = true;
      status = new JobStatus(jobResult.state(), jobResult.backendState(), jobResult.finishedAt());
    }
    // Written before anyone hears of the end, so that a result in hand has its record.
    ProvenanceRecords.write(executorName, jobResult, provenanceFacts);
    // Marked before anyone hears of the end, so that a folder told ended can be pruned.
    EndedJobs.ended(workDirectory, jobResult);
    synchronized (lock) {
      pending.add(new StateEvent(status, jobResult));
    }
    deliver();
  }

  /** Delivers the pending events, unless another thread is already doing so (it then delivers them). */
  private void deliver() {
    synchronized (lock) {
      if (delivering) {
        return;
      }
      delivering = true;
    }
    boolean done = false;
    try {
      while (true) {
        Object event;
        JobResult end = null;
        synchronized (lock) {
          event = pending.poll();
          if (event == null) {
            delivering = false;
            done = true;
            end = completeWith;
            completeWith = null;
          }
        }
        if (event == null) {
          // Completed only once no thread is delivering: a listener added by whoever was waiting
          // for the result is then told the past by its own thread, before addListener returns.
          if (end != null) {
            result.complete(end);
          }
          return;
        }
        dispatch(event);
      }
    } finally {
      if (!done) {
        synchronized (lock) {
          delivering = false;
        }
      }
    }
  }

  private void dispatch(Object event) {
    if (event instanceof AddListener add) {
      for (Object past : history) {
        tell(add.listener(), past);
      }
      listeners.add(add.listener());
      return;
    }
    remember(event);
    for (JobListener l : listeners) {
      tell(l, event);
    }
    if (event instanceof StateEvent s && s.result() != null) {
      if (linesForgotten > 0) {
        LOG.debug("{}: {} early lines were not kept for late listeners", this, linesForgotten);
      }
      synchronized (lock) {
        completeWith = s.result();
      }
    }
  }

  private void remember(Object event) {
    history.add(event);
    if (event instanceof LineEvent line) {
      historyChars += line.text().length();
      for (Iterator<Object> it = history.iterator(); historyChars > HISTORY_CHARS && it.hasNext(); ) {
        if (it.next() instanceof LineEvent old) {
          it.remove();
          historyChars -= old.text().length();
          linesForgotten++;
        }
      }
    }
  }

  private void tell(JobListener l, Object event) {
    try {
      if (event instanceof StateEvent s) {
        l.stateChanged(this, s.status());
      } else if (event instanceof LineEvent line) {
        l.logLine(this, line.stream(), line.text());
      } else if (event instanceof RetryEvent retry) {
        l.retrying(this, retry.failed(), retry.delay());
      }
    } catch (RuntimeException | AssertionError e) {
      // A listener's failure must not cost the others their events or the job its result.
      LOG.warn("a job listener failed: {}", e.toString());
    }
  }

  private record StateEvent(JobStatus status, JobResult result) {}

  private record LineEvent(LogStream stream, String text) {}

  private record AddListener(JobListener listener) {}

  private record RetryEvent(Attempt failed, Duration delay) {}

  @Override
  public String toString() {
    return executorName + " job " + id + " (" + status.state() + ")";
  }
}
