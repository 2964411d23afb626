package org.vipboutiques.execution.job;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.execution.JobState;

/**
 * What a {@link JobStore} remembers of a submitted job: enough to find it again after a restart.
 *
 * @param attributes back-end details (a Slurm array index, a DIRAC job group, ...)
 * @param finalState set once the job is known to have ended
 */
public record StoredJob(String id, Path folder, Instant submittedAt, Map<String, String> attributes,
    Optional<JobState> finalState) {

  public StoredJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(submittedAt, "submittedAt");
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    Objects.requireNonNull(finalState, "finalState");
  }

  public StoredJob finished(JobState state) {
    return new StoredJob(id, folder, submittedAt, attributes, Optional.of(state));
  }
}
