package org.vipboutiques.local;

import java.nio.file.Path;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.tck.ExecutorContract;

/** The executor contract, on this machine's processes. */
class LocalExecutorContractTest extends ExecutorContract {

  @Override
  protected JobExecutor create(Path jobs) throws Exception {
    return JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(jobs).build());
  }
}
