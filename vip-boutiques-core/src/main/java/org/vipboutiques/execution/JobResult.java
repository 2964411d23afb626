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
    boolean cacheHit) {

  public JobResult {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(state, "state");
    if (!state.isFinal()) {
      throw new IllegalArgumentException("a result needs a final state, not " + state);
    }
    Map<String, List<Path>> copy = new LinkedHashMap<>();
    outputFiles.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    outputFiles = Collections.unmodifiableMap(copy);
    missingOutputs = List.copyOf(missingOutputs);
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
