package org.vipboutiques.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.sweep.SubmittedSweep;
import org.vipboutiques.sweep.Sweep;
import org.vipboutiques.sweep.SweepPlan;

/**
 * N local jobs of a trivial tool ({@code true}), submitted with {@code submitAll} and awaited,
 * against the same N as a sweep (plan, submission, the counts polled as the progress display
 * polls them, the tables written): the difference is the sweep's overhead per job.
 * {@code java -cp benchmarks.jar org.vipboutiques.bench.SweepOverhead [N]}.
 */
public final class SweepOverhead {

  private SweepOverhead() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Boutiques boutiques = Boutiques.create();
    Descriptor tool = boutiques.load(boutiques.parser().parseObject("{\"name\": \"noop\", \"description\": \"d\","
        + " \"tool-version\": \"1\", \"schema-version\": \"0.5\", \"command-line\": \"true [I]\","
        + " \"inputs\": [{\"id\": \"i\", \"name\": \"i\", \"type\": \"Number\", \"integer\": true,"
        + " \"value-key\": \"[I]\"}]}", "noop"), "noop");
    Path base = Files.createTempDirectory("vipb-sweep-bench");
    List<Long> values = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      values.add(i);
    }
    System.out.printf(Locale.ROOT, "machine: %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    try (JobExecutor local = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve("plain"))
        .build())) {
      long t = System.nanoTime();
      List<JobRequest> requests = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        requests.add(JobRequest.builder(tool, boutiques.invocation(tool,
            new JsonObject(java.util.Map.of("i", JsonNumber.of(i))))).build());
      }
      for (Job job : local.submitAll(requests)) {
        job.await();
      }
      double plain = (System.nanoTime() - t) / 1e6;
      System.out.printf(Locale.ROOT, "%d jobs with submitAll: %.0f ms (%.2f ms/job)%n", n, plain, plain / n);
    }
    try (JobExecutor local = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve("sweep"))
        .build())) {
      long t = System.nanoTime();
      SweepPlan plan = Sweep.builder(tool).values("i", values).plan();
      SubmittedSweep sweep = Sweep.submit(local, plan, base.resolve("sweep-folder"), r -> {});
      while (true) {
        sweep.counts();
        try {
          sweep.ended().get(500, TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException e) {
          // as the progress display polls
        }
      }
      sweep.await();
      double swept = (System.nanoTime() - t) / 1e6;
      System.out.printf(Locale.ROOT, "%d jobs as a sweep: %.0f ms (%.2f ms/job)%n", n, swept, swept / n);
    }
  }
}
