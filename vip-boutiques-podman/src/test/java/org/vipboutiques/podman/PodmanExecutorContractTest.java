package org.vipboutiques.podman;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.vipboutiques.Fixtures;
import org.vipboutiques.execution.Job;
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

  @Override
  protected boolean injectsFaults() {
    return true;
  }

  /**
   * The fault: {@code podman kill} of the job's container (its id is the container's name), run
   * from outside the executor against the same service.
   */
  @Override
  protected void injectFault(Job job) throws Exception {
    awaitFile(job.workDirectory().resolve("tool.pid"), Duration.ofSeconds(60));
    PodmanCli.Output kill = PodmanEngine.cli().run(List.of("kill", job.id()), Duration.ofSeconds(30));
    if (kill.exitCode() != 0) {
      throw new AssertionError("podman kill " + job.id() + ": " + kill.stderr());
    }
  }
}
