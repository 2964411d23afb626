package org.vipboutiques.dirac.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.dirac.DiracExecutor;
import org.vipboutiques.dirac.Tools;
import org.vipboutiques.dirac.testgrid.TestGrid;
import org.vipboutiques.sweep.SubmittedSweep;
import org.vipboutiques.sweep.Sweep;
import org.vipboutiques.sweep.SweepPlan;

/**
 * A sweep of N combinations submitted to the DIRAC test grid (issue 14's target: at least 1,000
 * jobs/s): the plan checked, then {@link Sweep#submit} (job folders, wrapper files, sandboxes,
 * the bulk POSTs, the plan written), timed apart; then followed to the end. Usage:
 * {@code DiracSweepBenchmark [N] [diracx|cli]}, on the classpath of DiracBenchmark.
 */
public final class DiracSweepBenchmark {

  private DiracSweepBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path tmp = Files.createTempDirectory("vipb-dirac-sweep-bench");
    Descriptor d = org.vipboutiques.Fixtures.descriptor("echo [TEXT] > [OUT]",
        "[{\"id\": \"text\", \"name\": \"text\", \"type\": \"String\", \"value-key\": \"[TEXT]\"},"
            + " {\"id\": \"out\", \"name\": \"out\", \"type\": \"String\", \"value-key\": \"[OUT]\"}]",
        null, "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\", \"optional\": true}]");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < n / 10; i++) {
      texts.add("job" + i);
    }
    List<String> outs = List.of("o0.txt", "o1.txt", "o2.txt", "o3.txt", "o4.txt", "o5.txt", "o6.txt", "o7.txt",
        "o8.txt", "o9.txt");
    long t0 = System.nanoTime();
    SweepPlan plan = Sweep.builder(d).values("text", texts).values("out", outs).plan();
    double planSeconds = (System.nanoTime() - t0) / 1e9;
    try (TestGrid grid = TestGrid.start(tmp.resolve("grid"), TestGrid.options().simulated(3000).step(50)
        .httpThreads(4))) {
      Map<String, String> s = Tools.diracx(grid.url(), grid.credentials(tmp.resolve("credentials.json")));
      s.put("poll-interval", "1s");
      s.put("http-timeout", "30s");
      DiracExecutor ex = DiracExecutor.create(Tools.config(tmp.resolve("jobs"), s));
      long t1 = System.nanoTime();
      SubmittedSweep sweep = Sweep.submit(ex, plan, tmp.resolve("sweep"), r -> {});
      double submitSeconds = (System.nanoTime() - t1) / 1e9;
      System.out.printf(Locale.ROOT, "Sweep of %d combinations: planned in %.2f s; submitted in %.2f s (%.0f jobs/s),"
          + " %d grid jobs%n", plan.size(), planSeconds, submitSeconds, plan.size() / submitSeconds,
          grid.jobs().size());
      long t2 = System.nanoTime();
      var results = sweep.await();
      System.out.printf(Locale.ROOT, "Followed to the end in %.1f s: %d of %d succeeded%n",
          (System.nanoTime() - t2) / 1e9, results.rows().size() - results.unsuccessful().size(), plan.size());
      ex.close();
    }
    System.exit(0);
  }
}
