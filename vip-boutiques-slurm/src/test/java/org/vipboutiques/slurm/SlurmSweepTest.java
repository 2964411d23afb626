package org.vipboutiques.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
@Timeout(value = 180, unit = TimeUnit.SECONDS)
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
    for (CombinationResult row : results.rows()) {
      String text = ((JsonString) row.combination().values().get("text")).value();
      String out = ((JsonString) row.combination().values().get("out")).value();
      assertEquals(base.resolve("sweep").resolve("jobs"), row.result().workDirectory().getParent());
      assertEquals(text + "\n", Files.readString(row.result().workDirectory().resolve(out)));
    }
    assertEquals(7, Files.readAllLines(results.tsvTable()).size());
  }
}
