package org.vipboutiques.local;

import java.nio.file.Path;
import java.time.Duration;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.retry.RetryPolicy;
import org.vipboutiques.tck.ExecutorContract;

/** The executor contract, on this machine's processes. */
class LocalExecutorContractTest extends ExecutorContract {

  @Override
  protected JobExecutor create(Path jobs) throws Exception {
    return JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(jobs).build());
  }

  @Override
  protected boolean injectsFaults() {
    return true;
  }

  /**
   * The fault: the tool's process group killed outright from outside (as the kernel's OOM killer or
   * an administrator would). The machine is the local executor's whole infrastructure, so such an
   * end is the tool's exit code 137, which the policy lists.
   */
  @Override
  protected void injectFault(Job job) throws Exception {
    String pid = awaitFile(job.workDirectory().resolve("tool.pid"), Duration.ofSeconds(30));
    killProcessGroupOf(pid);
  }

  @Override
  protected RetryPolicy faultRetryPolicy() {
    return super.faultRetryPolicy().withRetryableExitCodes(137);
  }
}
