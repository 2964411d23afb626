package org.vipboutiques.slurm;

import java.nio.file.Path;
import org.vipboutiques.execution.Executor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorContract;
import org.vipboutiques.execution.Executors;

/** The executor contract, on a real Slurm cluster (the tool's logs read from the shared file system). */
class SlurmExecutorContractTest extends ExecutorContract {

  @Override
  protected Executor create(Path jobs) throws Exception {
    SlurmCluster.require();
    return Executors.create(ExecutorConfig.builder("slurm").baseDirectory(jobs).setting("poll-interval", "250ms")
        .setting("poll-interval-max", "1s").setting("cancel-on-close", "true").build());
  }

  /** Whole minutes, checked about every 30 s: SlurmExecutorTest.aJobOverItsTimeLimitEndsAsATimeout. */
  @Override
  protected boolean keepsTimeoutsOfSeconds() {
    return false;
  }
}
