package org.vipboutiques.execution.job;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.commandline.Simulation;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.MissingOutput;

/**
 * A job ready to run: its folder (with configuration files, the command script, a copy of the
 * descriptor and the invocation), its command line and output paths, its environment and its
 * timeout. Back ends run {@link #script()} with the descriptor's shell and then call
 * {@link #result}.
 *
 * @param script the command line in a shell script, {@code #!<shell>} first
 * @param environment the descriptor's environment variables (value-keys resolved) and the request's
 */
public record PreparedJob(
    JobRequest request,
    Path folder,
    Simulation simulation,
    Path script,
    Path stdoutFile,
    Path stderrFile,
    Map<String, String> environment,
    Optional<Duration> timeout,
    Instant submittedAt) {

  public PreparedJob {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(simulation, "simulation");
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
  }

  /** The descriptor's shell ({@code /bin/sh} unless it says otherwise). */
  public String shell() {
    return request.descriptor().shell();
  }

  public String commandLine() {
    return simulation.commandLine();
  }

  /**
   * The files and folders the File inputs name, resolved in the job folder with links followed
   * (relative inputs were linked in), that exist on the host: what a container must see at the
   * same paths.
   */
  public java.util.Set<Path> inputFiles() {
    java.util.Set<Path> out = new java.util.LinkedHashSet<>();
    for (String value : JobFolder.fileInputValues(request)) {
      Path p = folder.resolve(value).normalize();
      if (java.nio.file.Files.exists(p)) {
        try {
          out.add(p.toRealPath());
        } catch (java.io.IOException e) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /**
   * The result of a run that ended: the state follows from what happened (cancelled, failed
   * outside the tool, exit code, required outputs), outputs are looked for in the folder.
   *
   * @param exitCode the tool's exit code, when it ran to an end
   * @param failure what went wrong outside the tool, when something did
   */
  public JobResult result(String jobId, String backendState, Optional<Integer> exitCode, boolean cancelled,
      Optional<String> failure, Optional<String> containerCommand, Optional<Instant> startedAt,
      LogCapture stdout, LogCapture stderr) {
    OutputCollector.Found found = OutputCollector.collect(request.descriptor(), simulation, folder);
    List<MissingOutput> missingRequired = found.missing().stream().filter(m -> !m.optional()).toList();
    JobState state;
    Optional<String> why = failure;
    if (cancelled) {
      state = JobState.CANCELLED;
    } else if (failure.isPresent() || exitCode.isEmpty()) {
      state = JobState.FAILED;
      if (why.isEmpty()) {
        why = Optional.of("the tool did not exit normally");
      }
    } else if (exitCode.get() != 0) {
      state = JobState.FAILED;
    } else if (!missingRequired.isEmpty()) {
      state = JobState.FAILED;
      why = Optional.of("required output" + (missingRequired.size() > 1 ? "s" : "") + " missing: "
          + String.join(", ", missingRequired.stream().map(m -> m.id() + " (" + m.path() + ")").toList()));
    } else {
      state = JobState.SUCCEEDED;
    }
    return new JobResult(jobId, state, backendState, exitCode,
        exitCode.flatMap(c -> request.descriptor().describeExitCode(c)), folder, stdoutFile, stderrFile,
        stdout.tail(), stderr.tail(), found.files(), found.missing(), simulation.commandLine(), containerCommand,
        submittedAt, startedAt, Instant.now(), why);
  }
}
