package org.vipboutiques.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.slurm.command.SlurmTool;
import org.vipboutiques.sweep.CombinationResult;
import org.vipboutiques.sweep.SubmittedSweep;
import org.vipboutiques.sweep.Sweep;
import org.vipboutiques.sweep.SweepPlan;
import org.vipboutiques.sweep.SweepResults;
import org.vipboutiques.testing.conditions.EnabledIfSlurm;

/** A sweep on the real Slurm cluster: one job array, each combination in its own job folder. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@EnabledIfSlurm
class SlurmSweepTest {

  @TempDir
  Path base;

  SlurmExecutor executor;

  @BeforeEach
  void open() throws Exception {
    executor = SlurmCluster.executor(base, Map.of());
  }

  @AfterEach
  void close() {
    executor.close();
  }

  @Test
  void aSweepIsOneJobArrayWithAFolderPerCombination() throws Exception {
    Descriptor d = Tools.tool("echo [TEXT] > [OUT]", "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]");
    SweepPlan plan = Sweep.builder(d).values("text", List.of("a", "b", "c")).values("out", List.of("x.txt", "y.txt"))
        .plan();
    SubmittedSweep sweep = Sweep.submit(executor, plan, base.resolve("sweep"), r -> {});
    assertEquals(1, executor.statistics().calls(SlurmTool.SBATCH).calls(), "one sbatch for the whole sweep");
    SweepResults results = sweep.await();
    assertTrue(results.allSucceeded(), results.unsuccessful().toString());
    SlurmStatistics stats = executor.statistics();
    assertTrue(stats.polls() > 0, "followed by polls");
    assertTrue(stats.calls(SlurmTool.SQUEUE).calls() <= stats.polls(), "one squeue per poll for the whole sweep: "
        + stats.calls(SlurmTool.SQUEUE).calls() + " squeue calls in " + stats.polls() + " polls");
    for (CombinationResult row : results.rows()) {
      String text = ((JsonString) row.combination().values().get("text")).value();
      String out = ((JsonString) row.combination().values().get("out")).value();
      assertEquals(base.resolve("sweep").resolve("jobs"), row.result().workDirectory().getParent());
      assertEquals(text + "\n", Files.readString(row.result().workDirectory().resolve(out)));
    }
    assertEquals(7, Files.readAllLines(results.tsvTable()).size());
  }

  @Test
  void aSweepIsReattachedAfterItsJvmIsKilled() throws Exception {
    Path sweepFolder = base.resolve("killed-sweep");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        SlurmSweepChild.class.getName(), base.toString(), sweepFolder.toString()).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.startsWith("RUNNING"));
      assertTrue(line != null, "the child said a job runs");
    }
    child.destroyForcibly();
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));

    // A new executor, as after a restart: it reads the job store the killed JVM wrote.
    try (SlurmExecutor again = SlurmCluster.executor(base, Map.of())) {
      SubmittedSweep attached = Sweep.attach(again, sweepFolder);
      assertEquals(3, attached.jobs().size(), "every job is followed again");
      SweepResults results = attached.await();
      assertTrue(results.allSucceeded(), results.unsuccessful().toString());
      for (CombinationResult row : results.rows()) {
        String text = ((JsonString) row.combination().values().get("text")).value();
        assertEquals(text + "\n", Files.readString(row.result().workDirectory().resolve("x.txt")));
      }
      SlurmStatistics stats = again.statistics();
      assertEquals(0, stats.calls(SlurmTool.SBATCH).calls(), "nothing submitted again");
      assertTrue(stats.calls(SlurmTool.SQUEUE).calls() <= stats.polls(), "one squeue per poll");
      assertEquals(4, Files.readAllLines(results.tsvTable()).size());
    }
  }
}
