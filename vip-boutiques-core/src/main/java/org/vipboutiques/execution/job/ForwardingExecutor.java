package org.vipboutiques.execution.job;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobRequest;

/**
 * An executor in front of another (the retries, the result cache, a wrapper of an application's
 * own): its name, {@link #as} (this wrapper first, then whatever the other one is or holds), the
 * re-attaches and {@link #close} go to the executor behind it, so that a wrapper writes only what
 * it changes ({@code submit}, and {@code submitAll} when it can do better than one {@code submit}
 * after another) and stays invisible otherwise.
 */
public abstract class ForwardingExecutor implements JobExecutor {

  private final JobExecutor backend;
  private final Path jobs;

  /**
   * @param backend the executor behind this one (closed with it)
   * @param jobs where job folders are made when a request names none (the back end's base folder)
   */
  protected ForwardingExecutor(JobExecutor backend, Path jobs) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.jobs = jobs.toAbsolutePath().normalize();
  }

  /** The executor behind this one. */
  public final JobExecutor backend() {
    return backend;
  }

  /** The back end's name: a wrapper is not an executor of its own kind. */
  @Override
  public String name() {
    return backend.name();
  }

  @Override
  public <T> Optional<T> as(Class<T> type) {
    return type.isInstance(this) ? Optional.of(type.cast(this)) : backend.as(type);
  }

  @Override
  public Optional<Job> attach(String jobId) {
    return backend.attach(jobId);
  }

  @Override
  public Optional<Job> attach(String jobId, Path workDirectory) {
    return backend.attach(jobId, workDirectory);
  }

  /** {@link #closeOwn} then, whatever it did, the executor behind this one. */
  @Override
  public final void close() {
    try {
      closeOwn();
    } finally {
      backend.close();
    }
  }

  /** Releases what this wrapper holds itself (its threads, its waiting jobs); the back end is closed after. */
  protected void closeOwn() {}

  /**
   * The job folder of {@code request} when the wrapper must know it before the back end does (to
   * keep it across attempts, to put a cached result there): the request's own, absolute, or a new
   * name under the base folder, as the back end would make it. Not created here.
   */
  protected final Path folderOf(JobRequest request) {
    return JobFolder.folderOf(request, jobs);
  }
}
