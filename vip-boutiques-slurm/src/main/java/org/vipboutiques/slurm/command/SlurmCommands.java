package org.vipboutiques.slurm.command;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs the Slurm client commands: always as a program and a list of arguments (never a shell
 * line), with a time limit, counting calls. Each command is found from its setting (a path or a
 * name) or on the {@code PATH}. Thread-safe.
 */
public final class SlurmCommands {

  private final Map<SlurmTool, Path> paths;
  private final Duration timeout;
  private final Map<SlurmTool, AtomicLong> calls = new EnumMap<>(SlurmTool.class);
  private final Map<SlurmTool, AtomicLong> nanos = new EnumMap<>(SlurmTool.class);

  private SlurmCommands(Map<SlurmTool, Path> paths, Duration timeout) {
    this.paths = new EnumMap<>(SlurmTool.class);
    this.paths.putAll(paths);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    for (SlurmTool t : SlurmTool.values()) {
      calls.put(t, new AtomicLong());
      nanos.put(t, new AtomicLong());
    }
  }

  /**
   * Finds the commands: {@code settings} may map a command's name ({@code sbatch}, ...) to a path
   * or another name.
   *
   * @throws SlurmCommandException when a required command ({@code sbatch}, {@code squeue},
   *     {@code scancel}) is found nowhere, or a path given is not an executable file
   */
  public static SlurmCommands find(Map<String, String> settings, Duration timeout) throws SlurmCommandException {
    Map<SlurmTool, Path> found = new EnumMap<>(SlurmTool.class);
    List<String> missing = new ArrayList<>();
    for (SlurmTool tool : SlurmTool.values()) {
      String given = settings.get(tool.command());
      if (given != null && given.contains("/")) {
        Path p = Path.of(given);
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
          throw new SlurmCommandException("the " + tool.command() + " setting names " + p
              + ", which is not an executable file; give the path of Slurm's " + tool.command() + " command");
        }
        found.put(tool, p.toAbsolutePath());
        continue;
      }
      Optional<Path> onPath = onPath(given == null ? tool.command() : given);
      if (onPath.isPresent()) {
        found.put(tool, onPath.get());
      } else if (tool.required() || given != null) {
        missing.add(given == null ? tool.command() : given);
      }
    }
    if (!missing.isEmpty()) {
      throw new SlurmCommandException("no " + String.join(", ", missing) + " on the PATH ("
          + System.getenv().getOrDefault("PATH", "") + "); install Slurm's client commands (Debian: slurm-client)"
          + " or give their paths in the settings (e.g. sbatch=/opt/slurm/bin/sbatch)");
    }
    return new SlurmCommands(found, timeout);
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Whether the command was found (the required ones always are). */
  public boolean has(SlurmTool tool) {
    return paths.containsKey(tool);
  }

  public Optional<Path> path(SlurmTool tool) {
    return Optional.ofNullable(paths.get(tool));
  }

  /** Runs a command in the current folder. */
  public CommandResult run(SlurmTool tool, List<String> args) throws SlurmCommandException {
    return run(tool, args, Optional.empty());
  }

  /**
   * Runs a command and returns what it answered, whatever its exit code.
   *
   * @param workingDirectory where to run it ({@code sbatch} takes the job's folder from it)
   * @throws SlurmCommandException when it cannot be started or outlives the command timeout
   *     (it is then killed)
   */
  public CommandResult run(SlurmTool tool, List<String> args, Optional<Path> workingDirectory)
      throws SlurmCommandException {
    Path program = paths.get(tool);
    if (program == null) {
      throw new SlurmCommandException("no " + tool.command() + " command here; give its path in the "
          + tool.command() + " setting");
    }
    List<String> command = new ArrayList<>();
    command.add(program.toString());
    command.addAll(args);
    CommandLine line = new CommandLine(program.toString());
    for (String a : args) {
      // handleQuoting=false: each argument goes to the program as it is, spaces and quotes included.
      line.addArgument(a, false);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    DefaultExecutor.Builder<?> builder = DefaultExecutor.builder();
    workingDirectory.ifPresent(d -> builder.setWorkingDirectory(d.toFile()));
    DefaultExecutor executor = builder.get();
    executor.setStreamHandler(new PumpStreamHandler(out, err));
    ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
    executor.setWatchdog(watchdog);
    executor.setExitValues(null);
    long start = System.nanoTime();
    int code;
    try {
      code = executor.execute(line);
    } catch (IOException e) {
      throw new SlurmCommandException("cannot run " + program + ": " + e.getMessage(), e);
    } finally {
      long took = System.nanoTime() - start;
      calls.get(tool).incrementAndGet();
      nanos.get(tool).addAndGet(took);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (watchdog.killedProcess()) {
      throw new SlurmCommandException(tool.command() + " did not answer within " + timeout.toSeconds()
          + " s and was stopped (" + String.join(" ", command) + "); is the Slurm controller overloaded or"
          + " unreachable? The command-timeout setting allows longer");
    }
    return new CommandResult(command, code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
        took);
  }

  /** Calls so far, per command. */
  public Map<SlurmTool, CallCount> counts() {
    Map<SlurmTool, CallCount> out = new EnumMap<>(SlurmTool.class);
    for (SlurmTool t : SlurmTool.values()) {
      out.put(t, new CallCount(calls.get(t).get(), Duration.ofNanos(nanos.get(t).get())));
    }
    return out;
  }
}
