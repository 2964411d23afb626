package org.vipboutiques.dirac.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;
import org.vipboutiques.dirac.DiracException;

/**
 * Runs DIRAC's commands (commons-exec) with explicit argument lists, never a shell string of
 * user values. With a DIRAC environment script, the command runs after {@code . script} in a
 * {@code /bin/sh} whose script text is fixed: the script path and the arguments travel as
 * positional parameters.
 */
public final class DiracCommands {

  /** The exit code reported when the environment script cannot be sourced. */
  public static final int ENV_SCRIPT_FAILED = 97;
  private static final String SOURCE_THEN_EXEC = ". \"$0\" >/dev/null 2>&1 || { echo \"ERROR: cannot source the"
      + " DIRAC environment script $0\" >&2; exit " + ENV_SCRIPT_FAILED + "; }; exec \"$@\"";

  /** What a command printed, and its exit code. */
  public record Result(int exitCode, String stdout, String stderr) {
    public List<String> lines() {
      return stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
  }

  private final Optional<Path> environmentScript;
  private final Duration timeout;

  public DiracCommands(Optional<Path> environmentScript, Duration timeout) {
    this.environmentScript = environmentScript;
    this.timeout = timeout;
  }

  public Result run(Path workDirectory, String command, List<String> arguments) throws DiracException {
    CommandLine cl;
    if (environmentScript.isPresent()) {
      cl = new CommandLine("/bin/sh").addArgument("-c", false).addArgument(SOURCE_THEN_EXEC, false)
          .addArgument(environmentScript.get().toString(), false).addArgument(command, false);
    } else {
      cl = new CommandLine(command);
    }
    for (String a : arguments) {
      cl.addArgument(a, false);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    DefaultExecutor exec = DefaultExecutor.builder().setWorkingDirectory(workDirectory.toFile()).get();
    exec.setStreamHandler(new PumpStreamHandler(out, err));
    exec.setExitValues(null);
    ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
    exec.setWatchdog(watchdog);
    int code;
    try {
      code = exec.execute(cl);
    } catch (IOException e) {
      throw new DiracException("cannot run " + command + ": " + e.getMessage() + " (is DIRAC's client installed and"
          + " on PATH? set dirac-env-script to the diracosrc that sets it up)", e);
    }
    if (watchdog.killedProcess()) {
      throw new DiracException(command + " did not finish within " + timeout.toSeconds() + "s and was stopped", true,
          true, 0, null);
    }
    Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    if (code == ENV_SCRIPT_FAILED && r.stderr().contains("cannot source")) {
      throw new DiracException("cannot source the DIRAC environment script " + environmentScript.orElseThrow()
          + ": check the dirac-env-script setting");
    }
    return r;
  }
}
