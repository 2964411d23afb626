package org.vipboutiques.apptainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.vipboutiques.Fixtures;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.retry.RetryPolicy;
import org.vipboutiques.tck.ExecutorContract;

/**
 * The executor contract through the Apptainer executor, with a stand-in {@code apptainer} that runs
 * the command it is given (Apptainer has no Debian package here): the run path and its logs are real.
 */
class ApptainerExecutorContractTest extends ExecutorContract {

  @Override
  protected JobExecutor create(Path jobs) throws Exception {
    Path fake = Files.createDirectories(base.resolve("bin")).resolve("apptainer");
    // As Apptainer does, APPTAINERENV_X becomes X inside.
    Files.writeString(fake, "#!/bin/sh\n"
        + "for v in $(env | sed -n 's/^APPTAINERENV_\\([A-Za-z_][A-Za-z0-9_]*\\)=.*/\\1/p'); do\n"
        + "  eval \"export $v=\\\"\\$APPTAINERENV_$v\\\"\"\n"
        + "done\n"
        + "while [ $# -gt 2 ]; do shift; done\nexec \"$1\" \"$2\"\n");
    fake.toFile().setExecutable(true);
    Path images = Files.createDirectories(base.resolve("images"));
    Files.writeString(images.resolve("vip-tool-1.0.simg"), "an image");
    return JobExecutors.create(ExecutorConfig.builder("apptainer").baseDirectory(jobs).setting("binary", fake.toString())
        .setting("image-dir", images.toString()).build());
  }

  @Override
  protected boolean injectsFaults() {
    return true;
  }

  /**
   * The fault: the process group of the run killed outright from outside. Apptainer runs the tool
   * as a process of this machine, so, as for the local executor, that end is the exit code 137,
   * which the policy lists.
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

  @Override
  protected JsonObject forBackEnd(JsonObject descriptor) {
    return descriptor.with("container-image", Fixtures.json("{\"type\": \"singularity\", \"image\": \"vip/tool:1.0\"}"));
  }
}
