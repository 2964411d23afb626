package org.vipboutiques.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.Mount;
import org.vipboutiques.execution.gpu.GpuPool;
import org.vipboutiques.testing.conditions.EnabledIfPodman;
import org.vipboutiques.testing.gpus.FakeNvidiaSmi;
import org.vipboutiques.testing.gpus.FakeNvidiaSmi.Machine;

/**
 * The machine's GPU pool on a real Podman: the machine is a fake {@code nvidia-smi} (four mixed
 * devices, of which the two 80 GB ones fit "min-memory-gb": 80), and a CDI specification of this
 * test's own names each device by its UUID (/dev/null seen as /dev/vipb-fakegpuN, and {@code
 * VIPB_FAKE_GPU=UUID}), so a tool sees which device it was given.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@EnabledIfPodman
class PodmanGpuPoolTest {

  private static final String SMI = "vipboutiques.nvidia-smi";
  private static final Path RUN_CDI = Path.of("/var/run/cdi");
  private static final List<String> UUIDS = FakeNvidiaSmi.FOUR_MIXED_ROWS.stream().map(r -> r.split(", ")[1]).toList();
  /** The two 80 GB devices of the fake machine (A100 80 GB, H100). */
  private static final Set<String> BIG = Set.of(UUIDS.get(0), UUIDS.get(3));

  @TempDir
  Path base;

  private Path spec;
  private String kind;
  private JobExecutor executor;

  @BeforeEach
  void fakeMachine() throws Exception {
    assumeTrue(PodmanEngine.host().startsWith("unix://"), "the Podman service runs on this host");
    try {
      Files.createDirectories(RUN_CDI);
    } catch (java.io.IOException e) {
      assumeTrue(false, RUN_CDI + " cannot be made here (run as root, as CI does): " + e.getMessage());
    }
    assumeTrue(Files.isWritable(RUN_CDI), RUN_CDI + " is not writable here (run as root, as CI does)");
    kind = "test.vipboutiques.org/gpu" + UUID.randomUUID().toString().substring(0, 8);
    spec = RUN_CDI.resolve("vipb-test-" + kind.substring(kind.lastIndexOf('/') + 1) + ".json");
    List<String> devices = new ArrayList<>();
    for (int i = 0; i < UUIDS.size(); i++) {
      devices.add(String.format("{\"name\": \"%s\", \"containerEdits\": {\"deviceNodes\": [{\"path\":"
          + " \"/dev/vipb-fakegpu%d\", \"hostPath\": \"/dev/null\"}], \"env\": [\"VIPB_FAKE_GPU=%s\"]}}",
          UUIDS.get(i), i, UUIDS.get(i)));
    }
    Files.writeString(spec, "{\"cdiVersion\": \"0.5.0\", \"kind\": \"" + kind + "\", \"devices\": ["
        + String.join(", ", devices) + "]}");
    Path fake = FakeNvidiaSmi.write(base.resolve("fake"), Machine.FOUR_MIXED);
    System.setProperty(SMI, fake.resolve("nvidia-smi").toString());
    System.setProperty(GpuPool.DIRECTORY_PROPERTY, base.resolve("locks").toString());
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (executor != null) {
      executor.close();
    }
    System.clearProperty(SMI);
    System.clearProperty(GpuPool.DIRECTORY_PROPERTY);
    if (spec != null) {
      Files.deleteIfExists(spec);
    }
  }

  private JobExecutor executor(ExecutorConfig.Builder config) throws Exception {
    executor = JobExecutors.create(config.setting("cdi-kind", kind).maxConcurrentJobs(4).build());
    return executor;
  }

  private static JobRequest.Builder request(String commandLine, String gpu) throws Exception {
    Descriptor d = PodmanExecutorTest.tool(commandLine, "{\"custom\": {\"vip:gpu\": " + gpu + "}}");
    return JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, Fixtures.json("{}")));
  }

  /**
   * Each job claims its device with an atomic mkdir in a folder all of them mount, holds it a
   * second and gives it back: a device given to two jobs at once is a failed mkdir ("CLASH").
   */
  @Test
  void fourOneDeviceJobsOnTwoFittingDevicesNeverShareOne() throws Exception {
    Path claims = Files.createDirectories(base.resolve("claims"));
    executor(PodmanEngine.config(base.resolve("jobs")));
    String tool = "ls /dev | grep vipb-fakegpu | wc -l; mkdir /claims/$VIPB_FAKE_GPU || echo CLASH;"
        + " echo \"[$VIPB_FAKE_GPU]\"; sleep 1; rmdir /claims/$VIPB_FAKE_GPU;";
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      jobs.add(executor.submit(request(tool, "{\"count\": 1, \"min-memory-gb\": 80}")
          .mount(new Mount(claims, "/claims", false)).build()));
    }
    Set<String> used = new TreeSet<>();
    for (Job job : jobs) {
      JobResult r = job.await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      List<String> lines = r.stdoutTail().strip().lines().toList();
      assertEquals("1", lines.get(0).strip(), "one device in the container: " + r.stdoutTail());
      assertFalse(r.stdoutTail().contains("CLASH"), "a device held by two jobs at once: " + r.stdoutTail());
      String uuid = lines.get(lines.size() - 1).replaceAll("[\\[\\]]", "");
      assertTrue(BIG.contains(uuid), "a device that fits: " + r.stdoutTail());
      assertTrue(r.containerCommand().orElseThrow().contains("--device " + kind + "=" + uuid), r.toString());
      used.add(uuid);
    }
    assertEquals(new TreeSet<>(BIG), used, "both fitting devices were used");
  }

  @Test
  void aPreferredGpuThatNoDeviceFitsRunsWithoutDevices() throws Exception {
    executor(PodmanEngine.config(base.resolve("jobs")));
    JobResult r = executor.submit(request("echo \"[${VIPB_FAKE_GPU-none}]\"; ls /dev | grep -c vipb-fakegpu || true;",
        "{\"count\": 1, \"min-memory-gb\": 200, \"policy\": \"preferred\"}").build()).await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("[none]\n0\n", r.stdoutTail());
    assertFalse(r.containerCommand().orElseThrow().contains("--device"), r.toString());
  }

  @Test
  void aRequiredGpuThatNoDeviceFitsIsRefusedAtSubmit() throws Exception {
    executor(PodmanEngine.config(base.resolve("jobs")));
    JobRejectedException e = assertThrows(JobRejectedException.class,
        () -> executor.submit(request("true;", "{\"count\": 1, \"min-memory-gb\": 200}").build()));
    assertTrue(e.getMessage().contains("min-memory-gb"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(Files.isDirectory(base.resolve("jobs")) && Files.list(base.resolve("jobs")).findAny().isPresent(),
        "no job folder made");
  }

  /** A Podman service elsewhere runs on other devices: this machine's are not checked. */
  @Test
  void aRemotePodmanIsNotCheckedAgainstThisMachine() throws Exception {
    executor(PodmanEngine.config(base.resolve("jobs")).setting("podman-host", "tcp://127.0.0.1:1"));
    JobResult r = executor.submit(request("true;", "{\"count\": 1, \"min-memory-gb\": 200}").build()).await();
    assertEquals(JobState.FAILED, r.state(), r.toString());
    assertFalse(r.failure().orElse("").contains("min-memory-gb"), r.toString());
  }
}
