package org.vipboutiques.sweep;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The job that runs one combination now, as the plan records it.
 *
 * @param attempt 1 for the sweep's first submission, one more for each re-run
 */
record PlannedJob(String executor, String jobId, Path folder, int attempt) {

  PlannedJob {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(folder, "folder");
  }
}
