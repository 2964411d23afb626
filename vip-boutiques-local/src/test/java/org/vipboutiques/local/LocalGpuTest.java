package org.vipboutiques.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
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
import org.vipboutiques.execution.gpu.GpuInventories;
import org.vipboutiques.execution.gpu.GpuPool;
import org.vipboutiques.provenance.ProvenanceRecords;
import org.vipboutiques.testing.conditions.EnabledIfNvidiaGpu;
import org.vipboutiques.testing.gpus.FakeNvidiaSmi;
import org.vipboutiques.testing.gpus.FakeNvidiaSmi.Machine;

/**
 * Pre-flight and device sharing on the local executor, on machines described by a fake
 * {@code nvidia-smi}: real jobs whose tool records the {@code CUDA_VISIBLE_DEVICES} it was given.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LocalGpuTest {

  static final String SMI = "vipboutiques.nvidia-smi";

  @TempDir
  Path base;

  JobExecutor executor;

  /** The local executor on this fake machine, with its own lock folder. */
  JobExecutor on(Machine machine, int maxJobs) throws Exception {
    Path fake = FakeNvidiaSmi.write(base.resolve("fake-" + machine), machine);
    System.setProperty(SMI, fake.resolve("nvidia-smi").toString());
    System.setProperty(GpuPool.DIRECTORY_PROPERTY, base.resolve("locks").toString());
    executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve("jobs"))
        .maxConcurrentJobs(maxJobs).build());
    return executor;
  }

  @AfterEach
  void close() {
    if (executor != null) {
      executor.close();
    }
    System.clearProperty(SMI);
    System.clearProperty(GpuPool.DIRECTORY_PROPERTY);
  }

  /** A tool that writes "[$CUDA_VISIBLE_DEVICES] $CUDA_DEVICE_ORDER start end" (ns) to [OUT], with this vip:gpu. */
  static Descriptor tool(String vipGpu, String sleep) throws Exception {
    return Fixtures.BOUTIQUES.load(Fixtures.textToolJson("s=$(date +%s%N); sleep " + sleep + "; e=$(date +%s%N);"
        + " echo \"[${CUDA_VISIBLE_DEVICES-unset}] ${CUDA_DEVICE_ORDER-unset} $s $e\" > [OUT]",
        "[{\"id\": \"record\", \"name\": \"r\", \"path-template\": \"[OUT]\", \"optional\": false}]")
        .with("custom", Fixtures.json("{\"vip:gpu\": " + vipGpu + "}")), "test");
  }

  Job submit(Descriptor d) throws Exception {
    return submit(d, JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, Fixtures.json("{\"out\": \"r.txt\"}"))));
  }

  Job submit(Descriptor d, JobRequest.Builder request) throws Exception {
    return executor.submit(request.build());
  }

  static String[] record(JobResult r) throws Exception {
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    return Files.readString(r.outputFile("record").orElseThrow()).trim().split(" ");
  }

  @Test
  void eightConcurrentOneDeviceJobsOnFourDevicesNeverShareOne() throws Exception {
    on(Machine.FOUR_A100, 8);
    Descriptor d = tool("{\"count\": 1}", "0.5");
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      jobs.add(submit(d));
    }
    Map<String, List<long[]>> byDevice = new TreeMap<>();
    for (Job job : jobs) {
      String[] r = record(job.await());
      assertEquals("PCI_BUS_ID", r[1]);
      assertTrue(r[0].matches("\\[[0-3]\\]"), r[0]);
      byDevice.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new long[] {Long.parseLong(r[2]), Long.parseLong(r[3])});
    }
    for (Map.Entry<String, List<long[]>> device : byDevice.entrySet()) {
      List<long[]> runs = device.getValue();
      runs.sort(Comparator.comparingLong(run -> run[0]));
      for (int i = 1; i < runs.size(); i++) {
        assertTrue(runs.get(i)[0] >= runs.get(i - 1)[1], "two jobs on GPU " + device.getKey() + " at once");
      }
    }
    assertTrue(GpuPool.forMachine().busy(GpuInventories.local().devices()).isEmpty(), "every device is free again");
  }

  @Test
  void aRequiredGpuOnAMachineWithNoneIsRefusedAtSubmitBeforeAnyFolderIsMade() throws Exception {
    on(Machine.NONE, 0);
    Descriptor d = tool("{\"count\": 1}", "0");
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> submit(d));
    assertTrue(e.getMessage().startsWith("this tool needs 1 GPU and this machine has none (nvidia-smi: No devices"
        + " were found); run it on a machine that has them"), e.getMessage());
    assertTrue(!Files.exists(base.resolve("jobs")) || Files.list(base.resolve("jobs")).findAny().isEmpty());
  }

  @Test
  void aDeviceThatFailsAFieldIsNamedWithIt() throws Exception {
    on(Machine.ONE, 0);
    JobRejectedException e = assertThrows(JobRejectedException.class,
        () -> submit(tool("{\"count\": 1, \"compute-capability\": \"8.0\"}", "0")));
    assertTrue(e.getMessage().contains("GPU 0 (Tesla T4, GPU-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901) fails"
        + " compute-capability 8.0 or newer: it has 7.5"), e.getMessage());
  }

  @Test
  void preferredRunsOnTheCpuWithTheDevicesHiddenAndSaysWhy() throws Exception {
    on(Machine.FOUR_MIXED, 0);
    JobResult r = submit(tool("{\"count\": 1, \"min-memory-gb\": 100, \"policy\": \"preferred\"}", "0")).await();
    assertEquals("[]", record(r)[0]);
    String provenance = Files.readString(ProvenanceRecords.recordOf(r.workDirectory()).orElseThrow());
    assertTrue(provenance.contains("fails min-memory-gb 100") && provenance.contains("it runs on the CPU"), provenance);
  }

  @Test
  void onlyDevicesThatFitAreGivenAndAllTakesEveryOne() throws Exception {
    on(Machine.FOUR_MIXED, 0);
    assertEquals("[3]", record(submit(tool("{\"compute-capability\": \"9.0\"}", "0")).await())[0]);
    assertEquals("[0,1,2,3]", record(submit(tool("{\"count\": \"all\"}", "0")).await())[0]);
  }

  @Test
  void aJobWaitsForTheDeviceAndACancelledOrTimedOutJobFreesIt() throws Exception {
    on(Machine.ONE, 0);
    Descriptor slow = tool("{\"count\": 1}", "60");
    Job holder = submit(slow, JobRequest.builder(slow, Fixtures.BOUTIQUES.invocation(slow,
        Fixtures.json("{\"out\": \"r.txt\"}"))).timeout(Duration.ofSeconds(2)));
    Job waiting = submit(slow);
    while (!waiting.status().backendState().equals("waiting for 1 GPU")) {
      Thread.sleep(20);
    }
    assertEquals(JobState.QUEUED, waiting.status().state());
    assertTrue(waiting.cancel());
    assertEquals(JobState.CANCELLED, waiting.await().state());
    JobResult timedOut = holder.await();
    assertEquals(JobState.FAILED, timedOut.state());
    assertTrue(timedOut.failure().orElseThrow().startsWith("timed out"), timedOut.toString());
    assertEquals("[0]", record(submit(tool("{\"count\": 1}", "0")).await())[0]);
  }

  @Test
  @EnabledIfNvidiaGpu
  void onTheRealDevicesAJobIsGivenOneOfThem() throws Exception {
    executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve("jobs")).build());
    String given = record(submit(tool("{\"count\": 1}", "0")).await())[0];
    List<String> indices = GpuInventories.local().devices().stream().map(d -> "[" + d.index() + "]").toList();
    assertTrue(indices.contains(given), given + " not among " + indices);
  }
}
