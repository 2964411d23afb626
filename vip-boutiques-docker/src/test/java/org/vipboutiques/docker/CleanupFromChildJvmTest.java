package org.vipboutiques.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.container.ContainerLabels;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.testing.conditions.EnabledIfDocker;

/**
 * Containers do not outlive their JVM: a child JVM runs a job and is stopped; its container is
 * removed by its shutdown hook (SIGTERM), or by the next executor of the host (SIGKILL) when
 * that one keeps nothing for a re-attach ({@code reattach-keep=0}; see {@link DockerAttachTest}
 * for the default, which keeps it).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@EnabledIfDocker
class CleanupFromChildJvmTest {

  @TempDir
  Path base;

  private Process child() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OrphanMaker.class.getName(),
        base.toString(), DockerEngine.host()).redirectErrorStream(true).start();
  }

  private static String awaitRunning(Process p) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("RUNNING ")) {
        return line.substring(8).trim();
      }
    }
    throw new AssertionError("the child JVM ended without running its job");
  }

  private static List<Container> containersOf(DockerClient client, long pid) {
    return client.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(ContainerLabels.PID, Long.toString(pid))).exec();
  }

  private DockerClient client() throws Exception {
    return new DockerConnection(ExecutorConfig.builder("docker").setting("docker-host", DockerEngine.host()).build())
        .client();
  }

  @Test
  void aTerminatedJvmRemovesItsContainers() throws Exception {
    Process p = child();
    awaitRunning(p);
    assertEquals(1, containersOf(client(), p.pid()).size());
    p.destroy();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(containersOf(client(), p.pid()).isEmpty(), "the shutdown hook removed the container");
  }

  @Test
  void aKilledJvmsContainersAreReapedByTheNextExecutor() throws Exception {
    Process p = child();
    awaitRunning(p);
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertFalse(containersOf(client(), p.pid()).isEmpty(), "a killed JVM cannot clean up after itself");
    try (JobExecutor next = JobExecutors.create(ExecutorConfig.builder("docker").baseDirectory(base.resolve("next"))
        .setting("docker-host", DockerEngine.host()).setting("pull", "never").setting("reattach-keep", "0s")
        .build())) {
      Descriptor d = DockerExecutorTest.tool("true;", null);
      assertEquals(JobState.SUCCEEDED, next.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d,
          JsonObject.EMPTY)).build()).await().state());
    }
    assertTrue(containersOf(client(), p.pid()).isEmpty(), "the next executor reaped the orphan");
  }
}
