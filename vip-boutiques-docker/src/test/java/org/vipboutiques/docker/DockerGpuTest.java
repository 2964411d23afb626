package org.vipboutiques.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.gpu.GpuPool;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.testing.conditions.EnabledIfDocker;
import org.vipboutiques.testing.gpus.FakeNvidiaSmi;
import org.vipboutiques.testing.gpus.FakeNvidiaSmi.Machine;

/**
 * The machine's pre-flight and pool on the docker executor, with this machine described by a fake
 * {@code nvidia-smi} and a real engine (which has no NVIDIA runtime here: a job given devices
 * shows them in its container command and fails with the engine's sentence).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@EnabledIfDocker
class DockerGpuTest {

  @TempDir
  Path base;

  JobExecutor executor;

  JobExecutor on(Machine machine) throws Exception {
    Path fake = FakeNvidiaSmi.write(base.resolve("fake-" + machine), machine);
    System.setProperty("vipboutiques.nvidia-smi", fake.resolve("nvidia-smi").toString());
    System.setProperty(GpuPool.DIRECTORY_PROPERTY, base.resolve("locks").toString());
    executor = JobExecutors.create(ExecutorConfig.builder("docker").baseDirectory(base.resolve("jobs"))
        .setting("docker-host", DockerEngine.host()).setting("pull", "never").build());
    return executor;
  }

  @AfterEach
  void close() {
    if (executor != null) {
      executor.close();
    }
    System.clearProperty("vipboutiques.nvidia-smi");
    System.clearProperty(GpuPool.DIRECTORY_PROPERTY);
  }

  JobResult run(String vipGpu) throws Exception {
    Descriptor d = DockerExecutorTest.tool("echo ran;", "{\"custom\": {\"vip:gpu\": " + vipGpu + "}}");
    return executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, JsonObject.EMPTY)).build()).await();
  }

  @Test
  void aJobIsGivenAFreeFittingDeviceOfThePoolById() throws Exception {
    on(Machine.FOUR_MIXED);
    JobResult r = run("{\"count\": 1, \"compute-capability\": \"9.0\"}");
    assertTrue(r.containerCommand().orElseThrow().contains(" --gpus=\"device=GPU-0f1e2d3c-4b5a-6978-8796-"
        + "a5b4c3d2e1f0\" "), r.containerCommand().get());
    assertEquals(JobState.FAILED, r.state());
    assertEquals(DockerErrors.NO_NVIDIA_RUNTIME, r.failure().orElseThrow());
    assertTrue(GpuPool.forMachine().busy(org.vipboutiques.execution.gpu.GpuInventories.local().devices()).isEmpty());
  }

  @Test
  void aRequestNoDeviceCanMeetIsRefusedAtSubmit() throws Exception {
    on(Machine.ONE);
    Descriptor d = DockerExecutorTest.tool("echo ran;", "{\"custom\": {\"vip:gpu\": {\"count\": 2}}}");
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> executor.submit(
        JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, JsonObject.EMPTY)).build()));
    assertTrue(e.getMessage().startsWith("this tool needs 2 GPUs and this machine has 1 that fits;"), e.getMessage());
  }

  @Test
  void preferredWithoutAFittingDeviceRunsOnTheCpuWithoutAskingTheEngine() throws Exception {
    on(Machine.ONE);
    JobResult r = run("{\"count\": 1, \"min-memory-gb\": 40, \"policy\": \"preferred\"}");
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertFalse(r.containerCommand().orElseThrow().contains("--gpus"), r.containerCommand().get());
  }
}
