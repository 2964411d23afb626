package org.vipboutiques.docker;

import java.nio.file.Path;
import org.vipboutiques.Fixtures;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
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
}
