package org.vipboutiques.local;

import java.nio.file.Path;
import org.vipboutiques.execution.Executor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorContract;
import org.vipboutiques.execution.Executors;

/** The executor contract, on this machine's processes. */
class LocalExecutorContractTest extends ExecutorContract {

  @Override
  protected Executor create(Path jobs) throws Exception {
    return Executors.create(ExecutorConfig.builder("local").baseDirectory(jobs).build());
  }
}
