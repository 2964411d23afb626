package org.vipboutiques.execution;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a job on its back end. A job that was not retried has one; a retried job has one per
 * run, in order, the last being the one its result describes.
 *
 * @param number 1 for the first run, 2 for the first retry, ...
 * @param jobId the back end's id of that run
 * @param failureKind why it failed ({@link FailureKind#NONE} when it did not)
 * @param failure what went wrong outside the tool, if anything
 * @param startedAt when the tool started, when it did
 */
public record Attempt(
    int number,
    String jobId,
    JobState state,
    String backendState,
    FailureKind failureKind,
    Optional<String> failure,
    Optional<Integer> exitCode,
    Optional<Instant> startedAt,
    Instant finishedAt) {

  public Attempt {
    if (number < 1) {
      throw new IllegalArgumentException("an attempt's number starts at 1, not " + number);
    }
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(backendState, "backendState");
    Objects.requireNonNull(failureKind, "failureKind");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(exitCode, "exitCode");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /** The attempt a result describes, numbered {@code number}. */
  public static Attempt of(int number, JobResult result) {
    return new Attempt(number, result.jobId(), result.state(), result.backendState(), result.failureKind(),
        result.failure(), result.exitCode(), result.startedAt(), result.finishedAt());
  }
}
