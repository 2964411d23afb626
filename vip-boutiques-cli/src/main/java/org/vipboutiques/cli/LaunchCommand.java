package org.vipboutiques.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.Durations;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.Attempt;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.LogStream;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.json.JsonInputException;
import org.vipboutiques.json.JsonParser;
import org.vipboutiques.json.JsonWriter;
import org.vipboutiques.provenance.DataCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code launch DESCRIPTOR INVOCATION [--executor ...]}. */
@Command(name = "launch", mixinStandardHelpOptions = true,
    description = {"Run a tool: check the invocation, run it on an executor, report outputs found and missing.",
        "Exits with the tool's exit code."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the tool succeeded and every required output exists",
        "1:invalid descriptor or invocation",
        "2:usage error, or the executor cannot work here",
        "3:the tool exited 0 but a required output is missing",
        "4:the back end failed before the tool ended",
        "124:the tool ran past its timeout",
        "130:the job was cancelled",
        "other:the tool's own exit code"})
final class LaunchCommand extends DescriptorCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DESCRIPTOR", description = "The descriptor.")
  String descriptorFile;

  @Parameters(index = "1", paramLabel = "INVOCATION", description = "The invocation (file, - or inline JSON).")
  String invocationFile;

  @Mixin
  ExecutionOptions execution;

  @Option(names = "--json", description = "Print the result as JSON (for scripts).")
  boolean json;

  @Option(names = "--stream", description = "Show the tool's output while it runs.")
  boolean stream;

  @Option(names = "--skip-data-collection",
      description = "Write no provenance record (as bosh exec launch). By default one is written to the data folder.")
  boolean skipDataCollection;

  @Option(names = "--provenance", paramLabel = "JSON",
      description = "A JSON object stored in the provenance record as additional-information (as bosh exec launch).")
  String provenance;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where provenance records go (default: ~/.cache/boutiques/data, where bosh data inspect reads them).")
  java.nio.file.Path dataDirectory;

  @Option(names = "--record", paramLabel = "FILE",
      description = "Write the provenance record to FILE (a new file) instead of the data folder.")
  java.nio.file.Path recordFile;

  @Override
  public Integer call() throws Exception {
    Descriptor descriptor = sources().descriptor(descriptorFile);
    Invocation invocation;
    try {
      invocation = sources().boutiques().invocation(descriptor, sources().invocation(invocationFile));
    } catch (InvalidInvocationException e) {
      throw Invalid.invocation(invocationFile, e);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (JobExecutor executor = execution.open(descriptor)) {
      JobRequest.Builder request = execution.apply(JobRequest.builder(descriptor, invocation))
          .dataCollection(dataCollection());
      if (stream && !json) {
        // Given with the request, it sees the first line too (one added after submit could miss it).
        request.listener(new JobListener() {
          @Override
          public void logLine(Job j, LogStream s, String line) {
            (s == LogStream.STDOUT ? out : err).println(line);
          }

          @Override
          public void retrying(Job j, Attempt failed, java.time.Duration delay) {
            err.println("[vip-boutiques] attempt " + failed.number() + " failed (" + JobResults.describe(failed)
                + "); retrying in " + org.vipboutiques.execution.Durations.format(delay));
          }
        });
      }
      Job job;
      try {
        job = executor.submit(request.build());
      } catch (JobRejectedException e) {
        throw CliException.invalid("cannot run " + descriptor.name() + ": " + e.getMessage());
      }
      Thread cancelOnInterrupt = new Thread(job::cancel, "vipb-launch-cancel");
      Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
      JobResult result = awaitWithProgress(job, err);
      try {
        Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
      } catch (IllegalStateException e) {
        // shutting down
      }
      if (json) {
        out.println(JsonWriter.pretty(2).write(JobResults.json(result)));
      } else {
        JobResults.printSummary(result, out);
      }
      return JobResults.exitCode(result);
    }
  }

  private DataCollection dataCollection() {
    if (skipDataCollection) {
      if (provenance != null || dataDirectory != null || recordFile != null) {
        throw CliException.usage("--skip-data-collection writes no record: drop --provenance, --data-dir and --record,"
            + " or it");
      }
      return DataCollection.skip();
    }
    DataCollection c = DataCollection.defaults();
    if (dataDirectory != null) {
      c = c.inDirectory(dataDirectory);
    }
    if (recordFile != null) {
      if (java.nio.file.Files.exists(recordFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw CliException.usage("--record " + recordFile + ": the file exists and a record never replaces one;"
            + " give a new file name");
      }
      c = c.toFile(recordFile);
    }
    if (provenance != null) {
      try {
        c = c.withAdditionalInformation(JsonParser.withDefaults().parseObject(provenance, "--provenance"));
      } catch (JsonInputException e) {
        throw CliException.usage("--provenance takes a JSON object, e.g. '{\"study\": \"S1\"}': " + e.getMessage());
      }
    }
    return c;
  }

  /** Waits; on a terminal, one status line with the elapsed time is kept up to date. */
  private JobResult awaitWithProgress(Job job, PrintWriter err) throws InterruptedException {
    boolean terminal = System.console() != null && !json && !stream;
    long start = System.nanoTime();
    while (true) {
      try {
        return job.result().get(500, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        if (terminal) {
          err.print("\r" + job.status().state().name().toLowerCase() + " (" + job.status().backendState() + ") "
              + Durations.format(java.time.Duration.ofNanos(System.nanoTime() - start)) + "   ");
          err.flush();
        }
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      } finally {
        if (terminal && job.result().isDone()) {
          err.print("\r" + " ".repeat(60) + "\r");
          err.flush();
        }
      }
    }
  }
}
