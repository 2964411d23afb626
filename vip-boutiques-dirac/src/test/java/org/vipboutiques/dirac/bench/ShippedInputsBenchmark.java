package org.vipboutiques.dirac.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.dirac.DiracExecutor;
import org.vipboutiques.dirac.Tools;
import org.vipboutiques.dirac.testgrid.TestGrid;
import org.vipboutiques.execution.JobRequest;

/**
 * Local inputs shipped in input sandboxes: N jobs (default 1,000) that share one local atlas of 5 MiB
 * and each have a local subject file of 100 KiB, submitted to the test grid over DiracX. Prints the
 * submission time, the sandboxes made and their bytes against what one copy per job would weigh.
 * Usage: {@code ShippedInputsBenchmark [N]}, classpath as for {@link DiracBenchmark}.
 */
public final class ShippedInputsBenchmark {

  private ShippedInputsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path tmp = Files.createTempDirectory("vipb-shipped-bench");
    Path data = Files.createDirectories(tmp.resolve("data"));
    Random random = new Random(1);
    byte[] atlas = new byte[5 << 20];
    random.nextBytes(atlas);
    Files.write(data.resolve("atlas.bin"), atlas);
    Descriptor d = Fixtures.descriptor("cat [ATLAS] [SUBJECT] > [OUT]",
        "[{\"id\": \"atlas\", \"name\": \"atlas\", \"type\": \"File\", \"value-key\": \"[ATLAS]\"},"
            + " {\"id\": \"subject\", \"name\": \"subject\", \"type\": \"File\", \"value-key\": \"[SUBJECT]\"},"
            + " {\"id\": \"out\", \"name\": \"out\", \"type\": \"String\", \"value-key\": \"[OUT]\"}]",
        null, "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\", \"optional\": true}]");
    List<JobRequest> requests = new ArrayList<>(n);
    byte[] subject = new byte[100 << 10];
    for (int i = 0; i < n; i++) {
      random.nextBytes(subject);
      Files.write(data.resolve("s" + i + ".bin"), subject);
      requests.add(JobRequest.builder(d, Tools.invocation(d, "{\"atlas\": \"atlas.bin\", \"subject\": \"s" + i
          + ".bin\", \"out\": \"o.bin\"}")).inputDirectory(data).build());
    }
    try (TestGrid grid = TestGrid.start(tmp.resolve("grid"), TestGrid.options().simulated(1000).httpThreads(4))) {
      Map<String, String> s = Tools.diracx(grid.url(), grid.credentials(tmp.resolve("credentials.json")));
      s.put("http-timeout", "60s");
      try (DiracExecutor ex = DiracExecutor.create(Tools.config(tmp.resolve("jobs"), s))) {
        long t0 = System.nanoTime();
        ex.submitAll(requests);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] totals = grid.inputSandboxTotals();
        double naive = n * (atlas.length + subject.length) / 1048576.0;
        System.out.printf(Locale.ROOT, "Submission: %d jobs with local inputs in %.2f s (%.0f jobs/s), %d grid jobs%n",
            n, seconds, n / seconds, grid.jobs().size());
        System.out.printf(Locale.ROOT, "Input sandboxes: %d, %.1f MiB uploaded in all (one copy per job would be %.0f MiB)%n",
            totals[0], totals[1] / 1048576.0, naive);
      }
    }
    System.exit(0);
  }
}
