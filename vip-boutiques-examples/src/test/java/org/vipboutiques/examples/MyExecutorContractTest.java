package org.vipboutiques.examples;

import java.nio.file.Path;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.tck.ExecutorContract;

/** docs/execution.md's contract example, for a back end named "mine": compiled, not run (the pom excludes it). */
// tag::contract[]
class MyExecutorContractTest extends ExecutorContract {
  @Override
  protected JobExecutor create(Path jobs) throws Exception {
    return JobExecutors.create(ExecutorConfig.builder("mine").baseDirectory(jobs).build());
  }

  @Override // where the back end runs tools in their images
  protected JsonObject forBackEnd(JsonObject descriptor) {
    return descriptor.with("container-image", json("{\"type\": \"docker\", \"image\": \"busybox\"}"));
  }
}
// end::contract[]
