package org.vipboutiques.slurm;

import java.nio.file.Path;
import java.util.Map;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.tck.ExecutorContract;
import org.vipboutiques.testing.conditions.EnabledIfSlurm;

/** The executor contract, on a real Slurm cluster (the tool's logs read from the shared file system). */
@EnabledIfSlurm
class SlurmExecutorContractTest extends ExecutorContract {

  @Override
  protected JobExecutor create(Path jobs) throws Exception {
    return SlurmCluster.executor(jobs, Map.of());
  }

  /** Whole minutes, checked about every 30 s: SlurmExecutorTest.aJobOverItsTimeLimitEndsAsATimeout. */
  @Override
  protected boolean keepsTimeoutsOfSeconds() {
    return false;
  }
}
