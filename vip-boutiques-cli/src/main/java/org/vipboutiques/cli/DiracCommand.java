package org.vipboutiques.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.dirac.DiracClient;
import org.vipboutiques.dirac.DiracException;
import org.vipboutiques.dirac.transport.JobStatusRecord;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.Invocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dirac jdl|login|status|kill|output}: the grid, for jobs built or submitted. */
@Command(name = "dirac", mixinStandardHelpOptions = true,
    description = {"The DIRAC grid: the JDL an invocation would be submitted with, and login, status, kill and",
        "output retrieval of jobs already submitted (launch --executor dirac submits and follows).",
        "Settings as for the executor: -o url=https://diracx..., -o transport=cli, -o token-file=..."},
    subcommands = {DiracCommand.Jdl.class, DiracCommand.Login.class, DiracCommand.Status.class,
        DiracCommand.Kill.class, DiracCommand.Output.class})
final class DiracCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a dirac command is required");
  }

  /** Settings shared by the dirac commands. */
  static final class Settings {
    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE",
        description = "A setting of the DIRAC executor (url, transport, token-file, site, tags, ...); repeatable.")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--jobs-dir", paramLabel = "DIR", defaultValue = "vip-boutiques-jobs",
        description = "Where the job store is (default: ${DEFAULT-VALUE}).")
    Path jobsDirectory;

    DiracClient open() {
      try {
        return DiracClient.open(values, jobsDirectory.toAbsolutePath());
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      }
    }
  }

  static List<Long> ids(List<String> values) {
    List<Long> ids = new ArrayList<>();
    for (String v : values) {
      try {
        ids.add(Long.parseLong(v.trim()));
      } catch (NumberFormatException e) {
        throw CliException.usage("\"" + v + "\" is not a DIRAC job id (a number)");
      }
    }
    return ids;
  }

  static CliException failed(DiracException e) {
    return new CliException(ExitCodes.INVALID, "dirac: " + e.getMessage());
  }

  @Command(name = "jdl", mixinStandardHelpOptions = true,
      description = "Print the JDL an invocation would be submitted with; nothing is submitted.")
  static final class Jdl extends SourcesAware implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DESCRIPTOR")
    String descriptorFile;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INVOCATION",
        description = "One or more invocations (more than one makes parametric JDLs of at most 20 jobs).")
    List<String> invocationFiles;

    @Mixin
    Settings settings;

    @Override
    public Integer call() {
      Descriptor descriptor = sources().descriptor(descriptorFile);
      List<Invocation> invocations = new ArrayList<>();
      for (String file : invocationFiles) {
        try {
          invocations.add(sources().boutiques().invocation(descriptor, sources().invocation(file)));
        } catch (InvalidInvocationException e) {
          throw Invalid.invocation(file, e);
        }
      }
      try {
        spec.commandLine().getOut().println(invocations.size() == 1
            ? DiracClient.jdl(descriptor, invocations.get(0), settings.values)
            : DiracClient.jdl(descriptor, invocations, settings.values));
      } catch (JobRejectedException e) {
        throw CliException.invalid("cannot run " + descriptor.name() + " on the grid: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "login", mixinStandardHelpOptions = true,
      description = "Log in to DiracX with the OAuth2 device flow; the tokens are saved for later commands.")
  static final class Login implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Settings settings;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      try (DiracClient client = settings.open()) {
        client.login(code -> {
          err.println("Open " + (code.verificationUriComplete().isEmpty() ? code.verificationUri()
              : code.verificationUriComplete()) + " and enter the code " + code.userCode()
              + " (valid " + code.expiresIn() + " s).");
          err.flush();
        });
        spec.commandLine().getOut().println("logged in");
        return ExitCodes.OK;
      } catch (DiracException e) {
        throw failed(e);
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Print the status of jobs (all the store's jobs when no id is given).")
  static final class Status implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ID")
    List<String> jobIds = new ArrayList<>();

    @Mixin
    Settings settings;

    @Override
    public Integer call() {
      try (DiracClient client = settings.open()) {
        List<Long> ids = jobIds.isEmpty()
            ? client.storedJobs().stream().flatMap(r -> r.jobId().stream()).toList() : ids(jobIds);
        for (JobStatusRecord r : client.status(ids)) {
          spec.commandLine().getOut().println(r.jobId() + "  " + r.describe() + (r.site().isEmpty() ? "" : "  " + r.site()));
        }
        return ExitCodes.OK;
      } catch (DiracException e) {
        throw failed(e);
      }
    }
  }

  @Command(name = "kill", mixinStandardHelpOptions = true, description = "Kill jobs.")
  static final class Kill implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ID")
    List<String> jobIds;

    @Mixin
    Settings settings;

    @Override
    public Integer call() {
      try (DiracClient client = settings.open()) {
        client.kill(ids(jobIds));
        spec.commandLine().getOut().println("killed " + String.join(", ", jobIds));
        return ExitCodes.OK;
      } catch (DiracException e) {
        throw failed(e);
      }
    }
  }

  @Command(name = "output", mixinStandardHelpOptions = true,
      description = "Download the output sandboxes of jobs into DIR/<id>/.")
  static final class Output implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ID")
    List<String> jobIds;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", defaultValue = ".", description = "Where (default: here).")
    Path folder;

    @Mixin
    Settings settings;

    @Override
    public Integer call() {
      try (DiracClient client = settings.open()) {
        for (Path p : client.output(ids(jobIds), folder)) {
          spec.commandLine().getOut().println(p);
        }
        return ExitCodes.OK;
      } catch (DiracException e) {
        throw failed(e);
      }
    }
  }
}
