package org.vipboutiques.retry;

import java.nio.file.Path;
import java.util.Objects;
import org.vipboutiques.execution.JobExecutor;

/**
 * Puts retries in front of an executor. {@link org.vipboutiques.execution.JobExecutors#create} does
 * it for every executor it makes, with the policy of its settings; a job's own policy
 * ({@link org.vipboutiques.execution.JobRequest.Builder#retryPolicy}) replaces it.
 */
public final class Retries {

  private Retries() {}

  /**
   * {@code executor} with retries: its jobs that fail as {@code policy} (or their own) says are run
   * again, in the same job folder, made clean.
   *
   * @param jobs where job folders are made when a request names none (the executor's base folder)
   */
  public static JobExecutor wrap(JobExecutor executor, RetryPolicy policy, Path jobs) {
    return new RetryingExecutor(Objects.requireNonNull(executor, "executor"), Objects.requireNonNull(policy, "policy"),
        jobs.toAbsolutePath().normalize());
  }
}
