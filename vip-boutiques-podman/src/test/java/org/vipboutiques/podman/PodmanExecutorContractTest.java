package org.vipboutiques.podman;

import java.nio.file.Path;
import org.vipboutiques.Fixtures;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.tck.ExecutorContract;
import org.vipboutiques.testing.conditions.EnabledIfPodman;

/** The executor contract, in containers of a real Podman. */
@EnabledIfPodman
class PodmanExecutorContractTest extends ExecutorContract {

  @Override
  protected JobExecutor create(Path jobs) throws Exception {
    return JobExecutors.create(PodmanEngine.config(jobs).build());
  }

  @Override
  protected JsonObject forBackEnd(JsonObject descriptor) {
    return descriptor.with("container-image",
        Fixtures.json("{\"type\": \"docker\", \"image\": \"" + PodmanEngine.TEST_IMAGE + "\"}"));
  }
}
