package org.vipboutiques.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.FailureKind;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.testing.conditions.EnabledIfPodman;

/** What the podman executor reports as the infrastructure's failure (retried), against a real Podman, no retries. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@EnabledIfPodman
class PodmanInfrastructureFailureTest {

  @TempDir
  Path base;

  JobExecutor executor;

  @BeforeEach
  void open() throws Exception {
    executor = JobExecutors.create(PodmanEngine.config(base).build());
  }

  @AfterEach
  void close() {
    if (executor != null) {
      executor.close();
    }
  }

  Job submit(Descriptor d) throws Exception {
    return executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, Fixtures.json("{}"))).build());
  }

  @Test
  void aContainerKilledFromOutsideIsTheInfrastructures() throws Exception {
    for (List<String> outside : List.of(List.of("kill"))) {
      Job job = submit(PodmanExecutorTest.tool("echo $$ > tool.pid; sleep 60;", null));
      awaitFile(job.workDirectory().resolve("tool.pid"));
      List<String> args = new java.util.ArrayList<>(outside);
      args.add(job.id());
      assertEquals(0, PodmanEngine.cli().run(args, Duration.ofSeconds(60)).exitCode());
      JobResult r = job.await();
      assertEquals(JobState.FAILED, r.state(), r.toString());
      assertEquals(FailureKind.INFRASTRUCTURE, r.failureKind(), outside + ": " + r);
      assertTrue(r.failure().orElseThrow().startsWith("its container was killed from outside the executor"), r.toString());
    }
  }

  @Test
  void theToolsOwnKillAndPodmansRefusalOfTheRequestAreNot() throws Exception {
    JobResult own = submit(PodmanExecutorTest.tool("sh -c 'kill -9 $$'; exit $?;", null)).await();
    assertEquals(137, own.exitCode().orElseThrow(), own.toString());
    assertEquals(FailureKind.TOOL, own.failureKind(), own.toString());
    Descriptor missing = PodmanExecutorTest.tool("true;",
        "{\"container-image\": {\"type\": \"docker\", \"image\": \"vipb-no-such-image:1\"}}");
    JobResult refused = submit(missing).await();
    assertEquals(JobState.FAILED, refused.state());
    assertTrue(refused.failureKind() != FailureKind.INFRASTRUCTURE, refused.toString());
  }

  @Test
  void aCancelIsNot() throws Exception {
    Job job = submit(PodmanExecutorTest.tool("echo $$ > tool.pid; sleep 60;", null));
    awaitFile(job.workDirectory().resolve("tool.pid"));
    job.cancel();
    JobResult r = job.await();
    assertEquals(JobState.CANCELLED, r.state(), r.toString());
    assertTrue(r.failureKind() != FailureKind.INFRASTRUCTURE, r.toString());
  }

  private static void awaitFile(Path file) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!(Files.exists(file) && Files.size(file) > 0)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(file + " not written within 60 s");
      }
      Thread.sleep(50);
    }
  }
}
