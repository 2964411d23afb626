package org.vipboutiques.execution;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A handle on a submitted job: follow it, cancel it, collect its result. Thread-safe.
 */
public interface Job {

  /** The back end's id (a container id, a Slurm job id, a DIRAC job id, ...). */
  String id();

  /** The name of the executor that runs it. */
  String executorName();

  /** The job folder, where logs, scripts, configuration and outputs are. */
  Path workDirectory();

  JobStatus status();

  /** Completes with the result when the job ends, whatever the end; never completes exceptionally. */
  CompletableFuture<JobResult> result();

  /**
   * Asks the back end to stop the job. Returns whether the request was made (false when the job
   * had already ended). The job then ends {@link JobState#CANCELLED}.
   */
  boolean cancel();

  /**
   * Adds a listener to a submitted job: it is first told what already happened, in order (every
   * state, and the latest lines, up to 256 Ki characters of them; the whole output is in the job
   * folder's log files), then every later event. To miss nothing, give it to
   * {@link JobRequest.Builder#listener} instead.
   */
  Job addListener(JobListener listener);

  /** Waits for the result. */
  default JobResult await() throws InterruptedException {
    try {
      return result().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a job's result never completes exceptionally", e.getCause());
    }
  }
}
