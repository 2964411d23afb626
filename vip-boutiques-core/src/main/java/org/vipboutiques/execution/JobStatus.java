package org.vipboutiques.execution;

import java.time.Instant;
import java.util.Objects;

/**
 * A job's state, with the back end's own word for it beside (e.g. {@code PENDING} for Slurm,
 * {@code Waiting} for DIRAC, {@code running} for Docker) and when it began.
 */
public record JobStatus(JobState state, String backendState, Instant since) {

  public JobStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(backendState, "backendState");
    Objects.requireNonNull(since, "since");
  }
}
