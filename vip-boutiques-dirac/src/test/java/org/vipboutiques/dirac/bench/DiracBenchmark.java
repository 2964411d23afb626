package org.vipboutiques.dirac.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.dirac.DiracClient;
import org.vipboutiques.dirac.DiracExecutor;
import org.vipboutiques.dirac.Tools;
import org.vipboutiques.dirac.jdl.Jdl;
import org.vipboutiques.dirac.jdl.JdlWriter;
import org.vipboutiques.dirac.testgrid.TestGrid;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.invocation.Invocation;

/**
 * The speed figures of docs/dirac.md: JDL generation of N jobs, N jobs submitted to the test grid
 * (DiracX transport, simulated worker), one status poll of N jobs, and the heap while following
 * them to the end. Run with {@code -Xmx256m} to show the heap bound (the test grid shares the
 * JVM, so its memory counts too). Usage: {@code DiracBenchmark [N]}.
 */
public final class DiracBenchmark {

  private DiracBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path tmp = Files.createTempDirectory("vipb-dirac-bench");
    // The simulated worker produces no output files: the output is optional.
    Descriptor d = org.vipboutiques.Fixtures.descriptor("echo [TEXT] > [OUT]",
        "[{\"id\": \"text\", \"name\": \"text\", \"type\": \"String\", \"value-key\": \"[TEXT]\"},"
            + " {\"id\": \"out\", \"name\": \"out\", \"type\": \"String\", \"value-key\": \"[OUT]\"}]",
        null, "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\", \"optional\": true}]");
    List<Invocation> invocations = new ArrayList<>(n);
    List<JobRequest> requests = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Invocation inv = Tools.invocation(d, "{\"text\": \"job" + i + "\", \"out\": \"o" + i + ".txt\"}");
      invocations.add(inv);
      requests.add(JobRequest.builder(d, inv).build());
    }
    // 1. JDL generation (plan + write), warmed up once.
    jdl(d, invocations);
    long t0 = System.nanoTime();
    int chars = jdl(d, invocations);
    double jdlSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "JDL generation: %d jobs in %.3f s (%.0f jobs/s, %d chars)%n", n, jdlSeconds,
        n / jdlSeconds, chars);

    try (TestGrid grid = TestGrid.start(tmp.resolve("grid"), TestGrid.options().simulated(3000).step(50)
        .httpThreads(4))) {
      Map<String, String> s = Tools.diracx(grid.url(), grid.credentials(tmp.resolve("credentials.json")));
      s.put("poll-interval", "1s");
      s.put("http-timeout", "30s");
      DiracExecutor ex = DiracExecutor.create(Tools.config(tmp.resolve("jobs"), s));
      MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
      AtomicLong maxHeap = new AtomicLong();
      // 2. Submission, client side: folders, JDLs, sandboxes, POSTs.
      long t1 = System.nanoTime();
      List<Job> jobs = ex.submitAll(requests);
      double submitSeconds = (System.nanoTime() - t1) / 1e9;
      System.out.printf(Locale.ROOT, "Submission: %d jobs in %.2f s (%.0f jobs/s), %d grid jobs, %d duplicates%n", n,
          submitSeconds, n / submitSeconds, grid.jobs().size(), grid.duplicates().size());
      // 3. One status poll of every job (one search request, per_page up to 10000).
      List<Long> ids = jobs.stream().map(j -> Long.parseLong(j.id())).toList();
      double best = Double.MAX_VALUE;
      double worst = 0;
      for (int k = 0; k < 5; k++) {
        long t2 = System.nanoTime();
        int got = ex.transport().status(ids).size();
        double sec = (System.nanoTime() - t2) / 1e9;
        best = Math.min(best, sec);
        worst = Math.max(worst, sec);
        if (got != n) {
          throw new IllegalStateException("the poll returned " + got + " statuses for " + n + " jobs");
        }
      }
      System.out.printf(Locale.ROOT, "Status poll of %d jobs: best %.3f s, worst %.3f s (5 polls)%n", n, best, worst);
      // 4. Following to the end: heap sampled after GC.
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          System.gc();
          maxHeap.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(2000);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      sampler.setDaemon(true);
      sampler.start();
      long t3 = System.nanoTime();
      int ok = 0;
      for (Job j : jobs) {
        JobResult r = j.await();
        if (r.state() == JobState.SUCCEEDED) {
          ok++;
        }
      }
      double followSeconds = (System.nanoTime() - t3) / 1e9;
      sampler.interrupt();
      sampler.join();
      System.out.printf(Locale.ROOT, "Following: %d of %d succeeded in %.1f s; heap after GC at most %.1f MiB"
          + " (max heap %.0f MiB, test grid included)%n", ok, n, followSeconds, maxHeap.get() / 1048576.0,
          Runtime.getRuntime().maxMemory() / 1048576.0);
      ex.close();
    }
    System.exit(0);
  }

  private static int jdl(Descriptor d, List<Invocation> invocations) throws Exception {
    int chars = 0;
    List<Jdl> jdls = DiracClient.jdls(d, invocations, Map.of("job-group", "bench"));
    for (Jdl j : jdls) {
      chars += JdlWriter.write(j).length();
    }
    return chars;
  }
}
