package org.vipboutiques.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.container.ContainerLabels;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.testing.conditions.EnabledIfPodman;

/**
 * Containers never outlive their JVM: a child JVM runs a job and is stopped; its container is
 * removed by its shutdown hook (SIGTERM), or by the next podman executor of the host (SIGKILL).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@EnabledIfPodman
class CleanupFromChildJvmTest {

  @TempDir
  Path base;

  private Process child() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OrphanMaker.class.getName(),
        base.toString()).redirectErrorStream(true).start();
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

  private static List<String> containersOf(long pid) throws Exception {
    return PodmanEngine.containers(ContainerLabels.PID, Long.toString(pid));
  }

  @Test
  void aTerminatedJvmRemovesItsContainers() throws Exception {
    Process p = child();
    String name = awaitRunning(p);
    assertEquals(List.of(name), containersOf(p.pid()));
    p.destroy();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(containersOf(p.pid()).isEmpty(), "the shutdown hook removed the container");
  }

  @Test
  void aKilledJvmsContainersAreReapedByTheNextExecutor() throws Exception {
    Process p = child();
    awaitRunning(p);
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertFalse(containersOf(p.pid()).isEmpty(), "a killed JVM cannot clean up after itself");
    try (JobExecutor next = JobExecutors.create(PodmanEngine.config(base.resolve("next")).build())) {
      Descriptor d = PodmanExecutorTest.tool("true;", null);
      assertEquals(JobState.SUCCEEDED, next.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d,
          JsonObject.EMPTY)).build()).await().state());
    }
    assertTrue(containersOf(p.pid()).isEmpty(), "the next executor reaped the orphan");
  }
}
