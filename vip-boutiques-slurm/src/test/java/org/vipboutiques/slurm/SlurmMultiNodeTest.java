package org.vipboutiques.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.SuggestedResources;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.testing.conditions.EnabledIfSlurm;

/**
 * Jobs over several nodes, on a cluster of two nodes or more (scripts/slurm-up.sh with
 * VIPB_SLURM_NODES=2 makes two of this machine). Skipped on fewer; failed where
 * VIPB_REQUIRE_SLURM_NODES=2.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@EnabledIfSlurm(nodes = 2)
class SlurmMultiNodeTest {

  @TempDir
  Path base;

  SlurmExecutor executor;

  @BeforeEach
  void open() throws Exception {
    executor = SlurmCluster.executor(base, Map.of("node-check-interval", "1s", "node-grace", "3s"));
  }

  @AfterEach
  void close() {
    if (executor != null) {
      executor.close();
    }
  }

  static Descriptor twoNodes(String commandLine) {
    return Tools.load(Tools.with(Tools.json(commandLine, null), "suggested-resources", "{\"nodes\": 2}"));
  }

  static JobRequest request(Descriptor d) {
    return JobRequest.builder(d, Tools.invocation(d, "{}")).build();
  }

  @Test
  void aToolThatAsksForTwoNodesRunsAcrossBoth() throws Exception {
    Descriptor d = twoNodes("echo $SLURM_JOB_NUM_NODES; srun --ntasks-per-node=1 printenv SLURMD_NODENAME | sort");
    assertEquals(2, d.suggestedResources().flatMap(SuggestedResources::nodes).orElseThrow());
    JobResult r = executor.submit(request(d)).await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    List<String> lines = r.stdoutTail().lines().toList();
    assertEquals("2", lines.get(0), r.stdoutTail() + r.stderrTail());
    assertEquals(2, lines.size() - 1, r.stdoutTail() + r.stderrTail());
    assertTrue(!lines.get(1).equals(lines.get(2)), "one task on each of two nodes: " + r.stdoutTail());
  }

  /**
   * The batch script runs on the first node; the second one dies. Slurm alone would keep the job
   * "running" until the script ends; the executor fails it naming the node, and frees the first.
   */
  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aTwoNodeJobWhoseSecondNodeDiesIsFailedNamingIt() throws Exception {
    Job job = executor.submit(request(twoNodes("echo started; sleep 300")));
    SlurmExecutorTest.waitForOutput(job, "started");
    List<String> nodes = SlurmCluster.nodesOf(job.id());
    assertEquals(2, nodes.size(), nodes.toString());
    String second = nodes.get(1);
    Path pidFile = SlurmCluster.killableSlurmd(second);
    String slurmd = SlurmCluster.asRoot("cat", pidFile.toString()).text().strip();
    try {
      assertEquals(0, SlurmCluster.asRoot("kill", "-KILL", slurmd).code(), "kill slurmd of " + second);
      JobResult r = job.await();
      assertEquals(JobState.FAILED, r.state(), r.toString());
      assertTrue(r.failure().orElseThrow().contains("node " + second), r.failure().toString());
      assertTrue(r.backendState().startsWith("NODE LOST"), r.backendState());
    } finally {
      SlurmCluster.asRoot(SlurmCluster.slurmdStart(second));
      SlurmCluster.waitForNodes(Duration.ofSeconds(60));
    }
  }
}
