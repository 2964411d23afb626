package org.vipboutiques.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.Durations;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.sweep.CombinationResult;
import org.vipboutiques.sweep.InvalidSweepException;
import org.vipboutiques.sweep.SubmittedSweep;
import org.vipboutiques.sweep.Sweep;
import org.vipboutiques.sweep.SweepPlan;
import org.vipboutiques.sweep.SweepResults;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sweep DESCRIPTOR LISTS [--executor ...]}. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {"Run a tool over lists of input values, one job per combination, as VIP iterates: the inputs"
        + " named in the descriptor's custom.\"vip:dot\" are zipped (the i-th values together), the others crossed.",
        "Every combination is checked before any job is submitted. Progress is shown while the jobs run; at the"
            + " end results.tsv and results.json in the sweep folder hold one row per combination.",
        "--rerun-failed DIR submits again the combinations of an ended sweep that failed (the others keep their"
            + " results); --attach DIR follows again the jobs of a sweep whose command was stopped (killed,"
            + " restarted): both write the whole table at the end."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every job succeeded",
        "1:invalid descriptor, lists or combination (nothing was submitted)",
        "2:usage error, or the executor cannot work here",
        "3:at least one job failed or was cancelled"})
final class SweepCommand extends DescriptorCommand implements Callable<Integer> {

  static final int SOME_FAILED = 3;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DESCRIPTOR", description = "The descriptor.")
  String descriptorFile;

  @Parameters(index = "1", arity = "0..1", paramLabel = "LISTS",
      description = "A JSON object of input id to the list of its values (file, - or inline JSON).")
  String listsFile;

  @Option(names = "--rerun-failed", paramLabel = "SWEEP_DIR",
      description = "Submit again the failed or cancelled combinations of this ended sweep, each in a new job"
          + " folder; the succeeded ones keep their results. By default on the executor the sweep ran on; back-end"
          + " options (--partition, -o, ...) are given again.")
  Path rerunFolder;

  @Option(names = "--attach", paramLabel = "SWEEP_DIR",
      description = "Follow again the jobs of this sweep (after its command was stopped) to their end, through"
          + " the executor's re-attach; by default the executor the sweep was submitted to.")
  Path attachFolder;

  @Mixin
  ExecutionOptions execution;

  @Option(names = "--sweep-dir", paramLabel = "DIR",
      description = "The sweep's folder: plan, results tables and a job folder per combination (new or empty;"
          + " default: a new folder under --jobs-dir).")
  Path sweepDirectory;

  @Option(names = "--job-limit", paramLabel = "N",
      description = "Refuse a sweep of more jobs than this (default: ${DEFAULT-VALUE}).", defaultValue = "10000")
  int jobLimit;

  @Override
  public Integer call() throws Exception {
    if (execution.workDirectory != null) {
      throw CliException.usage("--work-dir: a sweep makes a job folder per combination; give --sweep-dir instead");
    }
    if (jobLimit < 1) {
      throw CliException.usage("--job-limit must be at least 1, not " + jobLimit);
    }
    Path stored = rerunFolder != null ? rerunFolder : attachFolder;
    if (rerunFolder != null && attachFolder != null) {
      throw CliException.usage("--rerun-failed and --attach: give one (--attach first when jobs still run)");
    }
    if (stored != null && (descriptorFile != null || sweepDirectory != null)) {
      throw CliException.usage((rerunFolder != null ? "--rerun-failed" : "--attach") + " takes the sweep folder"
          + " only: its descriptor, lists and plan are in it; leave out DESCRIPTOR, LISTS and --sweep-dir");
    }
    if (stored == null && (descriptorFile == null || listsFile == null)) {
      throw CliException.usage("give DESCRIPTOR and LISTS (or --rerun-failed / --attach SWEEP_DIR)");
    }
    Descriptor descriptor;
    SweepPlan plan;
    if (stored != null) {
      try {
        plan = Sweep.storedPlan(stored);
        if (execution.executor == null) {
          execution.executor = Sweep.storedExecutor(stored);
        }
      } catch (JobRejectedException e) {
        throw CliException.invalid(e.getMessage());
      }
      descriptor = plan.descriptor();
    } else {
      descriptor = sources().descriptor(descriptorFile);
      try {
        plan = Sweep.builder(descriptor).boutiques(sources().boutiques()).values(sources().invocation(listsFile))
            .maxJobs(jobLimit).plan();
      } catch (InvalidSweepException e) {
        String where = listsFile.trim().startsWith("{") || listsFile.equals("-") ? "sweep" : listsFile;
        throw CliException.invalid(where + ": nothing was submitted:" + (e.errors().size() == 1 ? " " : "\n")
            + e.getMessage());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    Path folder = stored != null ? stored : sweepDirectory != null ? sweepDirectory
        : execution.jobsDirectory.resolve(descriptor.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-sweep-"
            + STAMP.format(java.time.Instant.now()) + "-" + ProcessHandle.current().pid());
    try (JobExecutor executor = execution.open(descriptor)) {
      // Its clock starts before the submission, which is part of the sweep's time (and may see jobs end).
      SweepProgress progress = new SweepProgress(out, System.console() != null);
      SubmittedSweep sweep;
      try {
        sweep = rerunFolder != null ? Sweep.rerunFailed(executor, folder, execution::apply)
            : attachFolder != null ? Sweep.attach(executor, folder)
            : Sweep.submit(executor, plan, folder, execution::apply);
      } catch (JobRejectedException e) {
        throw CliException.invalid("cannot run the sweep of " + descriptor.name() + ": " + e.getMessage());
      }
      String what = rerunFolder != null ? sweep.jobs().size() + " failed combinations of " + plan.size() + " of "
          + descriptor.name() + " submitted again to " + executor.name()
          : attachFolder != null ? sweep.jobs().size() + " jobs of " + plan.size() + " of " + descriptor.name()
              + " re-attached on " + executor.name() + " (" + (plan.size() - sweep.jobs().size()) + " ended before)"
          : plan.size() + " jobs of " + descriptor.name() + " submitted to " + executor.name();
      out.println(what + " in " + Durations.format(progress.elapsed()) + "; sweep folder " + sweep.folder());
      out.flush();
      Thread cancelOnInterrupt = new Thread(sweep::cancel, "vipb-sweep-cancel");
      Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
      while (true) {
        progress.update(sweep.counts());
        try {
          sweep.ended().get(500, TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException e) {
          // keep showing
        }
      }
      SweepResults results;
      try {
        results = sweep.await();
      } catch (IOException e) {
        throw CliException.invalid("the jobs ended but the results tables could not be written in " + sweep.folder()
            + ": " + e.getMessage());
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
        } catch (IllegalStateException e) {
          // shutting down
        }
      }
      progress.end(sweep.counts());
      report(results, out);
      return results.allSucceeded() ? ExitCodes.OK : SOME_FAILED;
    }
  }

  private static void report(SweepResults results, PrintWriter out) {
    List<CombinationResult> bad = results.unsuccessful();
    out.println(results.rows().size() - bad.size() + " of " + results.rows().size() + " jobs succeeded");
    int shown = 0;
    for (CombinationResult r : bad) {
      if (++shown > 20) {
        out.println("  ... and " + (bad.size() - 20) + " more (see the results table)");
        break;
      }
      StringBuilder values = new StringBuilder();
      r.combination().values().forEach((id, v) -> values.append(values.length() == 0 ? "" : ", ").append(id)
          .append('=').append(v instanceof JsonString s ? s.value() : JsonWriter.compact().write(v)));
      out.println("  combination " + r.combination().index() + " (" + values + "): "
          + r.result().state().name().toLowerCase(java.util.Locale.ROOT)
          + r.result().exitCode().map(c -> ", exit code " + c).orElse("")
          + r.result().failure().map(f -> ", " + f).orElse("") + "; job folder " + r.result().workDirectory());
    }
    out.println("Results: " + results.tsvTable() + " and " + results.jsonTable());
    out.flush();
  }
}
