package org.vipboutiques.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.testing.conditions.EnabledIfDocker;

/** The result cache in front of Docker: the engine's image id is in the key. */
@EnabledIfDocker
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DockerResultCacheTest {

  @TempDir
  Path base;

  ExecutorConfig.Builder config() {
    return ExecutorConfig.builder("docker").baseDirectory(base.resolve("jobs"))
        .setting("docker-host", DockerEngine.host()).setting("pull", "never");
  }

  /** The same image name, rebuilt: the next job misses (a nonce shows that the tool ran again). */
  @Test
  void anImageRebuiltUnderTheSameNameMisses() throws Exception {
    DockerClient client = new DockerConnection(config().build()).client();
    String repository = "vipb-cache-test-" + ProcessHandle.current().pid();
    String image = repository + ":1";
    String container = client.createContainerCmd(DockerEngine.TEST_IMAGE).withCmd("true").exec().getId();
    List<String> images = new ArrayList<>();
    try (JobExecutor executor = JobExecutors.create(config().setting("cache", base.resolve("cache").toString()).build())) {
      images.add(client.commitCmd(container).withRepository(repository).withTag("1").withMessage("build 1").exec());
      Descriptor d = DockerExecutorTest.tool("head -c 16 /dev/urandom | md5sum",
          "{\"container-image\": {\"type\": \"docker\", \"image\": \"" + image + "\"}}");
      JobRequest request = JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, Fixtures.json("{}"))).build();
      JobResult first = executor.submit(request).await();
      assertEquals(JobState.SUCCEEDED, first.state(), first.toString());
      assertFalse(first.cacheHit());
      JobResult hit = executor.submit(request).await();
      assertTrue(hit.cacheHit(), hit.toString());
      assertEquals(first.stdoutTail(), hit.stdoutTail());
      images.add(client.commitCmd(container).withRepository(repository).withTag("1").withMessage("build 2").exec());
      assertNotEquals(images.get(0), images.get(1));
      JobResult rebuilt = executor.submit(request).await();
      assertEquals(JobState.SUCCEEDED, rebuilt.state(), rebuilt.toString());
      assertFalse(rebuilt.cacheHit(), "a new image under the same name");
      assertNotEquals(first.stdoutTail(), rebuilt.stdoutTail(), "the tool ran again");
      assertTrue(executor.submit(request).await().cacheHit());
    } finally {
      client.removeContainerCmd(container).withForce(true).exec();
      for (String id : images) {
        try {
          client.removeImageCmd(id).withForce(true).exec();
        } catch (RuntimeException e) {
          // already gone with its tag
        }
      }
    }
  }
}
