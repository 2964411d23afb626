package org.vipboutiques.recon.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.vipboutiques.recon.ReconstructionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The vip-recon command: phantom, project, fbp, fdk, mri, mlem and bench. Exit status 0 on success,
 * 1 on a failure (message on stderr), 2 on a usage error, 3 when a requested quality check fails.
 */
@Command(name = "vip-recon", mixinStandardHelpOptions = true, version = "vip-recon 0.1.0",
    description = "Image reconstruction on CPU or GPU: parallel-beam FBP, cone-beam FDK, Cartesian MRI, PET MLEM/OSEM.",
    subcommands = {PhantomCommand.class, ProjectCommand.class, FbpCommand.class, FdkCommand.class, MriCommand.class,
        MlemCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class VipRecon implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required (phantom, project, fbp, fdk, mri, mlem, bench)");
  }

  public static void main(String[] args) {
    // Short log lines on stderr unless the user configured slf4j-simple otherwise.
    setDefault("org.slf4j.simpleLogger.showThreadName", "false");
    setDefault("org.slf4j.simpleLogger.showLogName", "false");
    setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
    System.exit(execute(args));
  }

  /** Runs vip-recon with {@code args} on stdout and stderr and returns the exit status. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs vip-recon with {@code args}, writing to {@code out} and {@code err}; returns the exit status. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new VipRecon());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("vip-recon " + cmd.getCommandName() + ": " + message(e));
      return ExitCodes.FAILURE;
    });
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      // Inputs are bounded before they are read (NiftiLimits); this is the safety net for the rest.
      err.println("vip-recon: out of memory (" + (Runtime.getRuntime().maxMemory() >> 20)
          + " MiB of heap): give Java more with -Xmx in VIP_RECON_JAVA_OPTS, or use smaller inputs");
      return ExitCodes.FAILURE;
    }
  }

  private static String message(Exception e) {
    if (e instanceof IllegalArgumentException || e instanceof ReconstructionException || e instanceof UncheckedIOException) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
