package org.vipboutiques.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.tck.ExecutorContract;
import org.vipboutiques.testing.conditions.EnabledIfSlurm;

/** The executor contract, on a real Slurm cluster (the tool's logs read from the shared file system). */
@EnabledIfSlurm
class SlurmExecutorContractTest extends ExecutorContract {

  @Override
  protected JobExecutor create(Path jobs) throws Exception {
    return JobExecutors.create(SlurmCluster.config(jobs, Map.of()));
  }

  /** Whole minutes, checked about every 30 s: SlurmExecutorTest.aJobOverItsTimeLimitEndsAsATimeout. */
  @Override
  protected boolean keepsTimeoutsOfSeconds() {
    return false;
  }

  /** Taking a node down needs root (or sudo without a password). */
  @Override
  protected boolean injectsFaults() {
    try {
      return SlurmCluster.asRoot("true").code() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * The fault: the node the job runs on taken down (the job ends NODE_FAIL), then resumed once the
   * job has left it; the next attempt runs on the other node, or on this one once back.
   */
  @Override
  protected void injectFault(Job job) throws Exception {
    awaitFile(job.workDirectory().resolve("tool.pid"), Duration.ofSeconds(120));
    String first = job.id();
    String node = SlurmCluster.nodesOf(first).get(0);
    try {
      SlurmCluster.Output down = SlurmCluster.asRoot("scontrol", "update", "NodeName=" + node, "State=DOWN",
          "Reason=vipb-retry-contract-test");
      assertEquals(0, down.code(), "scontrol update NodeName=" + node + " State=DOWN: " + down.text());
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (job.id().equals(first) && !job.status().state().isFinal() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    } finally {
      SlurmCluster.asRoot("scontrol", "update", "NodeName=" + node, "State=RESUME");
      SlurmCluster.waitForNodes(Duration.ofSeconds(60));
    }
  }
}
