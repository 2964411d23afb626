package org.vipboutiques.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.job.JobFolder;
import org.vipboutiques.slurm.command.CallCount;
import org.vipboutiques.slurm.command.SlurmTool;
import org.vipboutiques.testing.conditions.EnabledIfSlurm;

/**
 * Overheads of the slurm executor against a real cluster: submission per job (job folder,
 * batch script, sbatch), monitoring (one squeue per poll for all jobs), and N jobs of one
 * descriptor as one array followed to completion with one poll per interval. Not part of the
 * test suite (its name does not end in Test); run it with
 *
 * <pre>
 * scripts/slurm-up.sh
 * mvn -o -q install -DskipTests -pl vip-boutiques-core
 * mvn -o test -pl vip-boutiques-slurm -Dtest=SlurmBenchmark [-Dvipb.bench.array=500 -Dvipb.bench.single=50]
 * </pre>
 *
 * Figures are printed and written to {@code target/slurm-benchmark.txt}.
 */
class SlurmBenchmark {

  @TempDir
  Path base;

  private final StringBuilder report = new StringBuilder();

  private void say(String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    System.out.println(line);
    report.append(line).append('\n');
  }

  static int property(String key, int fallback) {
    return Integer.parseInt(System.getProperty(key, Integer.toString(fallback)));
  }

  SlurmExecutor open(String dir, String pollInterval, String pollMax) throws Exception {
    return JobExecutors.create(ExecutorConfig.builder("slurm").baseDirectory(base.resolve(dir))
        .settings(Map.of("poll-interval", pollInterval, "poll-interval-max", pollMax, "cancel-on-close", "true",
            "follow-logs", "true"))
        .build()).as(SlurmExecutor.class).orElseThrow();
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  static double ms(CallCount c) {
    return c.mean().toNanos() / 1e6;
  }

  static long cpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  @Test
  @EnabledIfSlurm
  void overheads() throws Exception {
    int singles = property("vipb.bench.single", 50);
    int arraySize = property("vipb.bench.array", 500);
    Descriptor d = Tools.tool("echo [TEXT] > [OUT]",
        "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]");
    String cluster = SlurmCluster.run(java.time.Duration.ofSeconds(15), "sinfo", "--noheader", "--Node",
        "--format=%N %c CPUs %m MB %T").text().strip();
    say("Slurm benchmark on %d cores, %s (cluster: %s)", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"), cluster);

    // The job folder alone (no Slurm), for the share of submission that is ours.
    ExecutorConfig plain = ExecutorConfig.builder("slurm").baseDirectory(base.resolve("prepare")).build();
    for (int i = 0; i < 50; i++) {
      JobFolder.prepare(request(d, i), plain); // warm-up
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      JobFolder.prepare(request(d, i), plain);
    }
    double prepare = ms(System.nanoTime() - t0) / 200;
    say("job folder (JobFolder.prepare):            %.2f ms per job", prepare);

    // 1. One job at a time: submit() = folder + scripts + sbatch.
    try (SlurmExecutor ex = open("single", "250ms", "250ms")) {
      ex.submit(request(d, -1)).await(); // warm-up
      List<Job> jobs = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < singles; i++) {
        jobs.add(ex.submit(request(d, i)));
      }
      double perJob = ms(System.nanoTime() - start) / singles;
      for (Job j : jobs) {
        assertEquals(JobState.SUCCEEDED, j.await().state());
      }
      double all = ms(System.nanoTime() - start) / 1000;
      SlurmStatistics s = ex.statistics();
      say("submit() of one job:                       %.1f ms per job (%d jobs; sbatch %.1f ms of it)", perJob,
          singles, ms(s.calls(SlurmTool.SBATCH)));
      say("  %d single jobs to completion:            %.1f s (%.1f jobs/s)", singles, all, singles / all);
      say("  polls: %d, squeue %.1f ms each, whole poll %.1f ms each", s.polls(), ms(s.calls(SlurmTool.SQUEUE)),
          s.meanPoll().toNanos() / 1e6);

      // Latency of one trivial job, submission to result, polled every 250 ms.
      double best = Double.MAX_VALUE;
      double sum = 0;
      for (int i = 0; i < 5; i++) {
        long a = System.nanoTime();
        JobResult r = ex.submit(request(d, 1000 + i)).await();
        double took = ms(System.nanoTime() - a);
        best = Math.min(best, took);
        sum += took;
        assertEquals(JobState.SUCCEEDED, r.state());
      }
      say("one trivial job, submit to result:         %.0f ms mean, %.0f ms best (5 runs, poll 250 ms)", sum / 5, best);
    }

    // 2. Many invocations of one descriptor: one array, one poll per interval (1 s, no backoff).
    try (SlurmExecutor ex = open("array", "1s", "1s")) {
      List<JobRequest> requests = new ArrayList<>();
      for (int i = 0; i < arraySize; i++) {
        requests.add(request(d, i));
      }
      long cpu0 = cpuNanos();
      long start = System.nanoTime();
      List<Job> jobs = ex.submitAll(requests);
      long submitted = System.nanoTime();
      long submitCpu = cpuNanos() - cpu0;
      int ok = 0;
      for (Job j : jobs) {
        if (j.await().state() == JobState.SUCCEEDED) {
          ok++;
        }
      }
      long done = System.nanoTime();
      long followCpu = cpuNanos() - cpu0 - submitCpu;
      SlurmStatistics s = ex.statistics();
      double wall = (done - start) / 1e9;
      say("array of %d: submitAll() %.0f ms (%.2f ms per job; one sbatch: %.1f ms)", arraySize,
          ms(submitted - start), ms(submitted - start) / arraySize, ms(s.calls(SlurmTool.SBATCH)));
      say("  to completion: %.1f s (%.1f jobs/s), %d/%d succeeded", wall, arraySize / wall, ok, arraySize);
      say("  polls: %d in %.1f s (1 s interval): squeue calls %d (%.1f ms each, %d jobs in each answer at first),"
          + " sacct %d, scontrol %d, sinfo %d", s.polls(), (done - submitted) / 1e9, s.calls(SlurmTool.SQUEUE).calls(),
          ms(s.calls(SlurmTool.SQUEUE)), arraySize, s.calls(SlurmTool.SACCT).calls(),
          s.calls(SlurmTool.SCONTROL).calls() - 1, s.calls(SlurmTool.SINFO).calls());
      say("  monitoring: %.1f ms wall per poll (squeue + parsing + logs + results), JVM CPU %.1f ms per poll,"
          + " %.2f ms per job followed", s.meanPoll().toNanos() / 1e6, ms(followCpu) / Math.max(1, s.polls()),
          ms(followCpu) / arraySize);
      assertEquals(arraySize, ok);
      assertEquals(s.polls(), s.calls(SlurmTool.SQUEUE).calls(), "one squeue call per poll");
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "slurm-benchmark.txt"), report.toString());
  }

  static JobRequest request(Descriptor d, int i) {
    return JobRequest.builder(d, Tools.invocation(d, "{\"text\": \"n" + i + "\", \"out\": \"o.txt\"}")).build();
  }
}
