package org.vipboutiques.execution;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a job ended: its state, exit code and what the descriptor says the code means, its logs
 * (in files in the job folder, with the last bytes in memory), the outputs found and the
 * outputs missing, the commands run and when.
 *
 * @param outputFiles output id to the files found for it (a path template may be a glob)
 * @param missingOutputs outputs not found; a required one makes the job fail
 * @param failure what went wrong outside the tool (timeout, back-end error), if anything
 * @param cacheHit whether the outputs come from a result cache ({@code org.vipboutiques.cache}) rather
 *     than from running the tool: the job folder then holds copies of a successful earlier run's
 *     outputs and logs
 * @param failureKind whether the tool failed or what it ran on ({@link FailureKind#NONE} unless FAILED);
 *     a {@link org.vipboutiques.retry.RetryPolicy} retries infrastructure failures
 * @param attempts every run of the job on its back end, in order, the last being this result's (one,
 *     unless the job was retried); given none, the one this result describes
 */
public record JobResult(
    String jobId,
    JobState state,
    String backendState,
    Optional<Integer> exitCode,
    Optional<String> exitCodeDescription,
    Path workDirectory,
    Path stdoutFile,
    Path stderrFile,
    String stdoutTail,
    String stderrTail,
    Map<String, List<Path>> outputFiles,
    List<MissingOutput> missingOutputs,
    String commandLine,
    Optional<String> containerCommand,
    Instant submittedAt,
    Optional<Instant> startedAt,
    Instant finishedAt,
    Optional<String> failure,
    boolean cacheHit,
    FailureKind failureKind,
    List<Attempt> attempts) {

  public JobResult {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(state, "state");
    if (!state.isFinal()) {
      throw new IllegalArgumentException("a result needs a final state, not " + state);
    }
    Objects.requireNonNull(failureKind, "failureKind");
    if ((state == JobState.FAILED) == (failureKind == FailureKind.NONE)) {
      throw new IllegalArgumentException("a " + state + " result cannot have the failure kind " + failureKind);
    }
    Map<String, List<Path>> copy = new LinkedHashMap<>();
    outputFiles.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    outputFiles = Collections.unmodifiableMap(copy);
    missingOutputs = List.copyOf(missingOutputs);
    attempts = attempts.isEmpty()
        ? List.of(new Attempt(1, jobId, state, backendState, failureKind, failure, exitCode, startedAt, finishedAt))
        : List.copyOf(attempts);
  }

  /** A result of one run, its failure kind judged from its state and exit code ({@link #kindOf}). */
  public JobResult(String jobId, JobState state, String backendState, Optional<Integer> exitCode,
      Optional<String> exitCodeDescription, Path workDirectory, Path stdoutFile, Path stderrFile, String stdoutTail,
      String stderrTail, Map<String, List<Path>> outputFiles, List<MissingOutput> missingOutputs, String commandLine,
      Optional<String> containerCommand, Instant submittedAt, Optional<Instant> startedAt, Instant finishedAt,
      Optional<String> failure, boolean cacheHit) {
    this(jobId, state, backendState, exitCode, exitCodeDescription, workDirectory, stdoutFile, stderrFile, stdoutTail,
        stderrTail, outputFiles, missingOutputs, commandLine, containerCommand, submittedAt, startedAt, finishedAt,
        failure, cacheHit, kindOf(state, exitCode), List.of());
  }

  /** A result of a run of the tool (not a cache hit). */
  public JobResult(String jobId, JobState state, String backendState, Optional<Integer> exitCode,
      Optional<String> exitCodeDescription, Path workDirectory, Path stdoutFile, Path stderrFile, String stdoutTail,
      String stderrTail, Map<String, List<Path>> outputFiles, List<MissingOutput> missingOutputs, String commandLine,
      Optional<String> containerCommand, Instant submittedAt, Optional<Instant> startedAt, Instant finishedAt,
      Optional<String> failure) {
    this(jobId, state, backendState, exitCode, exitCodeDescription, workDirectory, stdoutFile, stderrFile, stdoutTail,
        stderrTail, outputFiles, missingOutputs, commandLine, containerCommand, submittedAt, startedAt, finishedAt,
        failure, false);
  }

  /**
   * The kind a back end that knows no better gives a failure: {@link FailureKind#TOOL} when the tool
   * exited (with a non-zero code, or without a required output), {@link FailureKind#OTHER} when it
   * did not (a timeout, an error outside it); {@link FailureKind#NONE} unless FAILED.
   */
  public static FailureKind kindOf(JobState state, Optional<Integer> exitCode) {
    if (state != JobState.FAILED) {
      return FailureKind.NONE;
    }
    return exitCode.isPresent() ? FailureKind.TOOL : FailureKind.OTHER;
  }

  /**
   * This result, failed for the reason given, of the kind given: how a back end says that what the
   * tool ran on failed ({@code withFailure(FailureKind.INFRASTRUCTURE, "its node was lost")}).
   */
  public JobResult withFailure(FailureKind kind, String reason) {
    Objects.requireNonNull(reason, "reason");
    if (kind == FailureKind.NONE) {
      throw new IllegalArgumentException("a failure needs a kind other than NONE");
    }
    return new JobResult(jobId, JobState.FAILED, backendState, exitCode, exitCodeDescription, workDirectory, stdoutFile,
        stderrFile, stdoutTail, stderrTail, outputFiles, missingOutputs, commandLine, containerCommand, submittedAt,
        startedAt, finishedAt, Optional.of(reason), cacheHit, kind, attempts.size() > 1 ? attempts : List.of());
  }

  /** This result with the attempts given (the last should be this result's own). */
  public JobResult withAttempts(List<Attempt> all) {
    return new JobResult(jobId, state, backendState, exitCode, exitCodeDescription, workDirectory, stdoutFile,
        stderrFile, stdoutTail, stderrTail, outputFiles, missingOutputs, commandLine, containerCommand, submittedAt,
        startedAt, finishedAt, failure, cacheHit, failureKind, all);
  }

  public boolean succeeded() {
    return state == JobState.SUCCEEDED;
  }

  /** The first file found for an output. */
  public Optional<Path> outputFile(String id) {
    List<Path> files = outputFiles.get(id);
    return files == null || files.isEmpty() ? Optional.empty() : Optional.of(files.get(0));
  }

  /** The required outputs that are missing. */
  public List<MissingOutput> missingRequiredOutputs() {
    return missingOutputs.stream().filter(m -> !m.optional()).toList();
  }

  /** From start (or submission) to end. */
  public Duration duration() {
    return Duration.between(startedAt.orElse(submittedAt), finishedAt);
  }
}
