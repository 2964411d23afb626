package org.vipboutiques.dirac.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.execution.JobState;

/**
 * What the store remembers of one grid job. A record without a job id is a submission under
 * way: on a restart it is looked up by its key (the JobName) before anything is submitted again.
 *
 * @param key the client-side key, also the job's JobName
 * @param jobId DIRAC's id, once known
 * @param folder the local job folder
 * @param fingerprint the request's identity, to re-attach a relaunched identical request
 * @param finalState set once the job has ended and its outputs were collected
 */
public record DiracJobRecord(String key, Optional<Long> jobId, Path folder, String transport, String fingerprint,
    Instant submittedAt, Optional<JobState> finalState) {

  public DiracJobRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(submittedAt, "submittedAt");
    Objects.requireNonNull(finalState, "finalState");
  }

  public static DiracJobRecord pending(String key, Path folder, String transport, String fingerprint) {
    return new DiracJobRecord(key, Optional.empty(), folder, transport, fingerprint, Instant.now(), Optional.empty());
  }

  public DiracJobRecord submitted(long id) {
    return new DiracJobRecord(key, Optional.of(id), folder, transport, fingerprint, submittedAt, finalState);
  }

  public DiracJobRecord finished(JobState state) {
    return new DiracJobRecord(key, jobId, folder, transport, fingerprint, submittedAt, Optional.of(state));
  }

  public boolean isFinished() {
    return finalState.isPresent();
  }
}
