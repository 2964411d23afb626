package org.vipboutiques.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.container.ContainerLabels;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.testing.conditions.EnabledIfDocker;

/**
 * A job whose JVM is killed outright while its container runs is re-attached by a new executor:
 * followed to its end, its logs whole, its outputs collected, its container removed; the next
 * executor of the host does not reap the container meanwhile. Only this test's containers (by
 * their folder label) are counted: other tests share the engine.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@EnabledIfDocker
class DockerAttachTest {

  @TempDir
  Path base;

  private Process child;

  @AfterEach
  void stopChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  private JobExecutor executor(String name) throws Exception {
    return JobExecutors.create(ExecutorConfig.builder("docker").baseDirectory(base.resolve(name))
        .setting("docker-host", DockerEngine.host()).setting("pull", "never").build());
  }

  private static DockerClient client() throws Exception {
    return new DockerConnection(ExecutorConfig.builder("docker").setting("docker-host", DockerEngine.host()).build())
        .client();
  }

  private static List<Container> containersOf(Path folder) throws Exception {
    return client().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(ContainerLabels.FOLDER, folder.toString())).exec();
  }

  /** Starts the child JVM; returns its job's id and folder once its container runs. */
  private String[] childJob() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AttachChild.class.getName(),
        base.resolve("child").toString(), DockerEngine.host()).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder said = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("RUNNING ")) {
        return line.substring(8).trim().split(" ", 2);
      }
      said.append(line).append('\n');
    }
    throw new AssertionError("the child JVM ended without running its job:\n" + said);
  }

  @Test
  void aJobOfAKilledJvmIsReattachedAndEndsAsANormalJob() throws Exception {
    String[] job = childJob();
    Path folder = Path.of(job[1]);
    child.destroyForcibly();
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    assertEquals(1, containersOf(folder).size(), "the killed JVM's container is left");

    // Another executor of the host runs a job (it reaps orphans first): the container is kept.
    try (JobExecutor other = executor("other")) {
      Descriptor d = DockerExecutorTest.tool("true;", null);
      assertEquals(JobState.SUCCEEDED, other.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d,
          JsonObject.EMPTY)).build()).await().state());
    }
    assertEquals(1, containersOf(folder).size(), "a container that can be re-attached is not reaped");

    try (JobExecutor next = executor("next")) {
      Job attached = next.attach(job[0], folder).orElseThrow();
      JobResult r = attached.await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      assertEquals(0, r.exitCode().orElseThrow());
      assertEquals("done\n", Files.readString(r.outputFile("o").orElseThrow()));
      assertEquals("before\nafter", Files.readString(r.stdoutFile()), "the whole log, each line once");
      assertEquals("oops\n", Files.readString(r.stderrFile()));
      assertTrue(containersOf(folder).isEmpty(), "the container is removed after the job");

      // Nothing is left to follow: the job ends failed, saying why, and the logs stay.
      JobResult gone = next.attach(job[0], folder).orElseThrow().await();
      assertEquals(JobState.FAILED, gone.state());
      assertTrue(gone.failure().orElseThrow().contains("no container of the job"), gone.failure().toString());
      assertFalse(gone.failure().orElseThrow().contains("\n"));
      assertEquals("before\nafter", Files.readString(r.stdoutFile()));
    }
  }
}
