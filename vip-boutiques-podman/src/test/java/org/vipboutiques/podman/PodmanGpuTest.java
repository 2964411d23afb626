package org.vipboutiques.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
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
import org.vipboutiques.testing.conditions.EnabledIfPodman;

/**
 * GPUs as CDI devices on a real Podman: a CDI specification of this test's own maps a fake device
 * (/dev/null seen as /dev/vipb-fakegpu0) under a kind of its own, which the tool then finds; and,
 * for real, the one-line error where no NVIDIA specification exists, the CPU path for {@code
 * policy: preferred}, and Podman's own refusal of a device no specification it reads defines.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@EnabledIfPodman
class PodmanGpuTest {

  /** Where Podman 4.3 reads CDI specifications (it has no setting for other folders). */
  private static final Path RUN_CDI = Path.of("/var/run/cdi");

  @TempDir
  Path base;

  private Path spec;
  private JobExecutor executor;

  @AfterEach
  void cleanUp() throws Exception {
    if (executor != null) {
      executor.close();
    }
    if (spec != null) {
      Files.deleteIfExists(spec);
    }
  }

  private JobResult run(ExecutorConfig.Builder config, String commandLine, String gpu) throws Exception {
    executor = JobExecutors.create(config.build());
    Descriptor d = PodmanExecutorTest.tool(commandLine, "{\"custom\": {\"vip:gpu\": " + gpu + "}}");
    return executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, Fixtures.json("{}"))).build())
        .await();
  }

  @Test
  void gpusReachTheToolAsTheCdiDevicesOfASpecification() throws Exception {
    assumeTrue(PodmanEngine.host().startsWith("unix://"), "the Podman service runs on this host");
    try {
      Files.createDirectories(RUN_CDI);
    } catch (java.io.IOException e) {
      assumeTrue(false, RUN_CDI + " cannot be made here (run as root, as CI does): " + e.getMessage());
    }
    assumeTrue(Files.isWritable(RUN_CDI), RUN_CDI + " is not writable here (run as root, as CI does)");
    String kind = "test.vipboutiques.org/gpu" + UUID.randomUUID().toString().substring(0, 8);
    spec = RUN_CDI.resolve("vipb-test-" + kind.substring(kind.lastIndexOf('/') + 1) + ".json");
    String device = "{\"name\": \"%s\", \"containerEdits\": {\"deviceNodes\": [{\"path\": \"/dev/vipb-fakegpu%s\","
        + " \"hostPath\": \"/dev/null\"}], \"env\": [\"VIPB_FAKE_GPU_%s=yes\"]}}";
    Files.writeString(spec, "{\"cdiVersion\": \"0.5.0\", \"kind\": \"" + kind + "\", \"devices\": ["
        + String.format(device, "0", "0", "0") + ", " + String.format(device, "1", "1", "1") + ", "
        + String.format(device, "all", "0", "ALL") + "]}");
    ExecutorConfig.Builder config = PodmanEngine.config(base).setting("cdi-kind", kind);
    JobResult one = run(config, "ls /dev/vipb-fakegpu*; env | grep VIPB_FAKE_GPU | sort;", "{\"count\": 2}");
    assertEquals(JobState.SUCCEEDED, one.state(), one.toString());
    assertEquals("/dev/vipb-fakegpu0\n/dev/vipb-fakegpu1\nVIPB_FAKE_GPU_0=yes\nVIPB_FAKE_GPU_1=yes\n",
        one.stdoutTail());
    assertTrue(one.containerCommand().orElseThrow().contains("--device " + kind + "=0 --device " + kind + "=1"),
        one.toString());
    executor.close();
    JobResult all = run(config, "env | grep VIPB_FAKE_GPU;", "{\"count\": \"all\"}");
    assertEquals(JobState.SUCCEEDED, all.state(), all.toString());
    assertEquals("VIPB_FAKE_GPU_ALL=yes\n", all.stdoutTail());
  }

  @Test
  void withoutAnNvidiaSpecificationARequiredGpuIsOneSentence() throws Exception {
    assumeTrue(CdiDevices.specFor(CdiDevices.NVIDIA, CdiDevices.DEFAULT_SPEC_DIRS).isEmpty(),
        "this host has an NVIDIA CDI specification");
    executor = JobExecutors.create(PodmanEngine.config(base).build());
    Descriptor d = PodmanExecutorTest.tool("nvidia-smi;", "{\"custom\": {\"vip:gpu\": {\"count\": 1}}}");
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> executor.submit(
        JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, Fixtures.json("{}"))).build()));
    assertTrue(e.getMessage().startsWith("this tool needs a GPU, and no CDI specification for nvidia.com/gpu is in"
        + " /etc/cdi or /var/run/cdi"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aPreferredGpuRunsOnTheCpuWhereNoSpecificationExists() throws Exception {
    assumeTrue(CdiDevices.specFor(CdiDevices.NVIDIA, CdiDevices.DEFAULT_SPEC_DIRS).isEmpty(),
        "this host has an NVIDIA CDI specification");
    JobResult r = run(PodmanEngine.config(base), "echo ran on cpu;", "{\"count\": 1, \"policy\": \"preferred\"}");
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("ran on cpu\n", r.stdoutTail());
    assertFalse(r.containerCommand().orElseThrow().contains("--device"), r.toString());
  }

  /** A specification the executor sees but Podman does not: Podman's own refusal, in one sentence. */
  @Test
  void podmansOwnRefusalOfAnUnknownDeviceIsOneSentence() throws Exception {
    assumeTrue(CdiDevices.specFor(CdiDevices.NVIDIA, CdiDevices.DEFAULT_SPEC_DIRS).isEmpty(),
        "this host has an NVIDIA CDI specification");
    Path elsewhere = Files.createDirectories(base.resolve("cdi"));
    Files.writeString(elsewhere.resolve("nvidia.yaml"), "cdiVersion: 0.5.0\nkind: nvidia.com/gpu\ndevices: []\n");
    JobResult r = run(PodmanEngine.config(base.resolve("jobs")).setting("cdi-spec-dirs", elsewhere.toString()),
        "nvidia-smi;", "{\"count\": \"all\"}");
    assertEquals(JobState.FAILED, r.state(), r.toString());
    assertTrue(r.exitCode().isEmpty(), r.toString());
    String why = r.failure().orElseThrow();
    assertTrue(why.startsWith("this tool needs a GPU, and Podman has no CDI device for it (")
        && why.contains("nvidia.com/gpu=all"), why);
    assertFalse(why.contains("\n"), why);
    assertEquals(List.of(), PodmanEngine.containersUnder(base), "no container left");
  }
}
