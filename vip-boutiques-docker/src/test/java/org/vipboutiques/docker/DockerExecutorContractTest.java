package org.vipboutiques.docker;

import java.nio.file.Path;
import java.time.Duration;
import org.vipboutiques.Fixtures;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.tck.ExecutorContract;
import org.vipboutiques.testing.conditions.EnabledIfDocker;

/** The executor contract, in containers of a real Docker engine. */
@EnabledIfDocker
class DockerExecutorContractTest extends ExecutorContract {

  @Override
  protected JobExecutor create(Path jobs) throws Exception {
    return JobExecutors.create(ExecutorConfig.builder("docker").baseDirectory(jobs)
        .setting("docker-host", DockerEngine.host()).setting("pull", "never").build());
  }

  @Override
  protected JsonObject forBackEnd(JsonObject descriptor) {
    return descriptor.with("container-image",
        Fixtures.json("{\"type\": \"docker\", \"image\": \"" + DockerEngine.TEST_IMAGE + "\"}"));
  }

  @Override
  protected boolean injectsFaults() {
    return true;
  }

  /** The fault: the job's container killed from outside, through the engine's API (what {@code docker kill} does). */
  @Override
  protected void injectFault(Job job) throws Exception {
    awaitFile(job.workDirectory().resolve("tool.pid"), Duration.ofSeconds(60));
    try (DockerConnection outside = new DockerConnection(ExecutorConfig.builder("docker")
        .setting("docker-host", DockerEngine.host()).build())) {
      outside.client().killContainerCmd(job.id()).exec();
    }
  }
}
