package org.vipboutiques.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.slurm.command.SlurmTool;
import org.vipboutiques.testing.conditions.EnabledIfSlurm;

/**
 * The slurm executor on a cluster that keeps accounting (a real slurmdbd and MariaDB): jobs that
 * squeue no longer lists are resolved by the real sacct. squeue is a stand-in that knows no job,
 * as squeue is once MinJobAge has passed on a busy production cluster. Skipped where the cluster
 * keeps no accounting; failed where VIPB_REQUIRE_SLURM_ACCOUNTING=1.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@EnabledIfSlurm(accounting = true)
class SlurmAccountingTest {

  @TempDir
  Path base;

  SlurmExecutor executor;

  @BeforeEach
  void open() throws Exception {
    executor = SlurmCluster.executor(base.resolve("jobs"), Map.of("squeue",
        SlurmCluster.forgetful(base.resolve("fake-bin"), "squeue", 0, "").toString()));
  }

  @AfterEach
  void close() {
    if (executor != null) {
      executor.close();
    }
  }

  static JobRequest request(Descriptor d) {
    return JobRequest.builder(d, Tools.invocation(d, "{}")).build();
  }

  @Test
  void theExecutorFindsTheAccountingByItself() {
    assertTrue(executor.accounting(), "accounting: auto, from scontrol show config");
  }

  /**
   * The jobs run two seconds, so that slurmdbd has their records while they run (it gets them
   * asynchronously): a job sacct does not know yet is resolved from its folder instead.
   */
  @Test
  void endedJobsAreResolvedBySacct() throws Exception {
    long scontrolBefore = executor.statistics().calls(SlurmTool.SCONTROL).calls(); // the cluster probe
    JobResult ok = executor.submit(request(Tools.tool("sleep 2; echo fine", null))).await();
    assertEquals(JobState.SUCCEEDED, ok.state(), ok.toString());
    assertEquals(0, ok.exitCode().orElseThrow());
    assertEquals("fine\n", ok.stdoutTail());
    assertTrue(ok.backendState().startsWith("COMPLETED"), ok.backendState());
    JobResult failed = executor.submit(request(Tools.tool("sleep 2; exit 4", null))).await();
    assertEquals(JobState.FAILED, failed.state(), failed.toString());
    assertEquals(4, failed.exitCode().orElseThrow());
    assertTrue(failed.backendState().startsWith("FAILED"), failed.backendState());
    SlurmStatistics stats = executor.statistics();
    assertTrue(stats.calls(SlurmTool.SACCT).calls() > 0, "sacct was asked");
    assertEquals(scontrolBefore, stats.calls(SlurmTool.SCONTROL).calls(), "scontrol was not needed");
  }

  /** Without accounting this job is "unknown to Slurm" after the lost grace: sacct knows it was cancelled. */
  @Test
  void aJobCancelledBehindTheExecutorsBackEndsCancelled() throws Exception {
    Job job = executor.submit(request(Tools.tool("echo started; sleep 120", null)));
    SlurmExecutorTest.waitForOutput(job, "started");
    SlurmCluster.Output scancel = SlurmCluster.run(Duration.ofSeconds(15), "scancel", job.id());
    assertEquals(0, scancel.code(), scancel.text());
    JobResult r = job.await();
    assertEquals(JobState.CANCELLED, r.state(), r.toString());
    assertTrue(r.backendState().startsWith("CANCELLED"), r.backendState());
    assertTrue(r.failure().orElseThrow().startsWith("cancelled outside vip-boutiques"), r.failure().toString());
    assertTrue(r.duration().toSeconds() < 60, r.duration().toString());
  }
}
