package org.vipboutiques.execution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs jobs on one back end. Obtain one with {@link JobExecutors#create(ExecutorConfig)}; close it
 * when done (running jobs are cancelled, resources released).
 */
public interface JobExecutor extends AutoCloseable {

  /** The name it was created under: {@code local}, {@code docker}, ... */
  String name();

  /**
   * Submits a job and returns its handle at once.
   *
   * @throws JobRejectedException when the request cannot run here (an output path outside the job
   *     folder, a GPU the back end cannot give, ...), before anything runs
   */
  Job submit(JobRequest request) throws JobRejectedException;

  /**
   * Submits many jobs; back ends that can (Slurm arrays, DIRAC parametric jobs) submit them
   * together. The handles are in the order of the requests.
   */
  default List<Job> submitAll(List<JobRequest> requests) throws JobRejectedException {
    List<Job> jobs = new ArrayList<>();
    for (JobRequest r : requests) {
      jobs.add(submit(r));
    }
    return jobs;
  }

  /** Re-attaches to a job submitted earlier (by this process or a previous one), when the back end keeps it. */
  default Optional<Job> attach(String jobId) {
    return Optional.empty();
  }

  /**
   * Re-attaches to a job submitted earlier whose job folder is known (a sweep's plan records
   * both): back ends that keep their record of a job in its folder (local processes) need it;
   * the others look the id up in their store ({@link #attach(String)}).
   */
  default Optional<Job> attach(String jobId, Path workDirectory) {
    return attach(jobId);
  }

  /**
   * This executor as a {@code type} (a back end's own class, or an interface it implements), looking
   * through what the library puts in front of a back end (the retries, the result cache).
   */
  default <T> Optional<T> as(Class<T> type) {
    return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
  }

  /** Cancels what still runs and releases resources. */
  @Override
  void close();
}
