package org.vipboutiques.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.cache.ResultCache;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.slurm.command.SlurmTool;
import org.vipboutiques.testing.conditions.EnabledIfSlurm;

/** The result cache in front of the real Slurm cluster: the misses of a batch are still one job array. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@EnabledIfSlurm
class SlurmResultCacheTest {

  @TempDir
  Path base;

  SlurmExecutor slurm;
  JobExecutor cached;

  @BeforeEach
  void open() throws Exception {
    slurm = SlurmCluster.executor(base.resolve("jobs"), Map.of());
    cached = ResultCache.in(base.resolve("cache")).wrap(slurm, base.resolve("jobs"));
  }

  @AfterEach
  void close() {
    cached.close();
  }

  JobRequest request(Descriptor d, String text) throws Exception {
    return JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, "{\"text\": \"" + text + "\", \"out\": \"o.txt\"}"))
        .build();
  }

  @Test
  void theMissesOfABatchAreOneJobArrayAndTheHitsRunNothing() throws Exception {
    Descriptor d = Tools.tool("echo [TEXT] $(od -An -N8 -tx8 /dev/urandom) > [OUT]",
        "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]");
    JobResult a = cached.submit(request(d, "a")).await();
    assertEquals(JobState.SUCCEEDED, a.state(), a.toString());
    assertEquals(1, slurm.statistics().calls(SlurmTool.SBATCH).calls());

    List<Job> jobs = cached.submitAll(List.of(request(d, "b"), request(d, "a"), request(d, "c"), request(d, "d"),
        request(d, "b")));
    assertEquals(2, slurm.statistics().calls(SlurmTool.SBATCH).calls(), "one sbatch for the misses");
    List<JobResult> results = new ArrayList<>();
    for (Job j : jobs) {
      results.add(j.await());
      assertEquals(JobState.SUCCEEDED, results.get(results.size() - 1).state(), j.toString());
    }
    assertEquals(List.of(false, true, false, false, true), results.stream().map(JobResult::cacheHit).toList());
    String array = results.get(0).jobId().split("_")[0];
    for (int i : new int[] {0, 2, 3}) {
      assertTrue(results.get(i).jobId().matches(array + "_\\d+"), "tasks of one array: " + results.get(i).jobId());
    }
    assertEquals(Files.readString(a.outputFile("result").orElseThrow()),
        Files.readString(results.get(1).outputFile("result").orElseThrow()));
    assertEquals(Files.readString(results.get(0).outputFile("result").orElseThrow()),
        Files.readString(results.get(4).outputFile("result").orElseThrow()), "the second b waited for the first");
    assertFalse(results.get(4).workDirectory().equals(results.get(0).workDirectory()));
    assertEquals(2, slurm.statistics().calls(SlurmTool.SBATCH).calls(), "nothing more was submitted");
  }
}
