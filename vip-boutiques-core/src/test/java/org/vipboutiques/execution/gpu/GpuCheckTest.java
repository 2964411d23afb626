package org.vipboutiques.execution.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;

class GpuCheckTest {

  static Optional<GpuRequirement> need(String vipGpu) throws Exception {
    JsonObject d = JsonParser.withDefaults().parseObject("{\"custom\": {\"vip:gpu\": " + vipGpu + "}}", "test");
    return GpuRequirement.fromDescriptor(d);
  }

  static GpuDecision decide(String vipGpu, GpuInventory inventory) throws Exception {
    return GpuCheck.decide(need(vipGpu), inventory, true);
  }

  @Test
  void noRequirementNeedsNothing() {
    assertEquals(GpuDecision.Kind.NOT_NEEDED, GpuCheck.decide(Optional.empty(), Machines.none(), true).kind());
  }

  @Test
  void devicesThatFitAreTheCandidatesInIndexOrder() throws Exception {
    GpuDecision d = decide("{\"count\": 1, \"min-memory-gb\": 16, \"compute-capability\": \"7.5\"}",
        Machines.fourMixed());
    assertEquals(GpuDecision.Kind.USE_GPUS, d.kind());
    // The T4's 15,360 MiB are 16.1 GB; the GTX 1080 Ti fails on memory first.
    assertEquals(List.of(Machines.A100_80, Machines.T4, Machines.H100), d.candidates());
    assertEquals(1, d.count());
  }

  @Test
  void oneCapabilityIsTheOldestAcceptedAListTheOnlyOnes() throws Exception {
    assertEquals(List.of(Machines.A100_80, Machines.H100),
        decide("{\"compute-capability\": \"8.0\"}", Machines.fourMixed()).candidates());
    assertEquals(List.of(Machines.T4, Machines.H100),
        decide("{\"compute-capability\": [\"7.5\", \"9.0\"]}", Machines.fourMixed()).candidates());
  }

  @Test
  void typeMatchesWholeWordsOfTheName() throws Exception {
    assertEquals(List.of(Machines.A100_80), decide("{\"type\": \"a100\"}", Machines.fourMixed()).candidates());
    assertEquals(List.of(Machines.H100), decide("{\"type\": \"H100\"}", Machines.fourMixed()).candidates());
    assertTrue(GpuCheck.typeMatches("gtx_1080_ti", "NVIDIA GeForce GTX 1080 Ti"));
    assertFalse(GpuCheck.typeMatches("a10", "NVIDIA A100-SXM4-80GB"));
  }

  @Test
  void aRequiredCountNoDeviceSetCanMeetIsRefusedNamingEachDeviceAndItsUnmetField() throws Exception {
    GpuDecision d = decide("{\"count\": 2, \"min-memory-gb\": 40, \"compute-capability\": \"9.0\"}",
        Machines.fourMixed());
    assertEquals(GpuDecision.Kind.REFUSED, d.kind());
    String why = d.reason();
    assertTrue(why.startsWith("this tool needs 2 GPUs (min-memory-gb 40, compute-capability 9.0 or newer) and this"
        + " machine has 1 that fits: "), why);
    assertTrue(why.contains("GPU 0 (NVIDIA A100-SXM4-80GB, GPU-8d3f7b6a-2c1e-4f5a-9b8c-1a2b3c4d5e60) fails"
        + " compute-capability 9.0 or newer: it has 8.0"), why);
    assertTrue(why.contains("GPU 1 (Tesla T4, GPU-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901) fails min-memory-gb 40:"
        + " it has 16.1 GB (15360 MiB)"), why);
    assertTrue(why.contains("set \"policy\": \"preferred\""), why);
    assertEquals(1, why.lines().count());
  }

  @Test
  void theDriversCudaVersionIsCheckedAgainstCudaVersionMin() throws Exception {
    GpuDecision d = decide("{\"cuda-version-min\": \"12.10\"}", Machines.fourMixed());
    assertEquals(GpuDecision.Kind.REFUSED, d.kind());
    assertTrue(d.reason().contains("fails cuda-version-min 12.10: its driver 535.104.05 supports CUDA 12.2;"
        + " update the NVIDIA driver"), d.reason());
    assertEquals(GpuDecision.Kind.USE_GPUS, decide("{\"cuda-version-min\": \"11.8\"}", Machines.fourMixed()).kind());
  }

  @Test
  void preferredFallsBackToTheCpuSayingWhy() throws Exception {
    GpuDecision d = decide("{\"count\": 1, \"policy\": \"preferred\"}", Machines.none());
    assertEquals(GpuDecision.Kind.CPU_FALLBACK, d.kind());
    assertEquals("this tool needs 1 GPU and this machine has none (nvidia-smi: No devices were found); it runs on"
        + " the CPU, as its \"policy\": \"preferred\" allows", d.reason());
  }

  @Test
  void allTakesEveryFittingDeviceAndDeviceIdsThoseDevices() throws Exception {
    GpuDecision all = decide("{\"count\": \"all\"}", Machines.fourMixed());
    assertEquals(4, all.count());
    GpuDecision ids = decide("{\"device-ids\": [\"3\", \"" + Machines.T4.uuid() + "\"]}", Machines.fourMixed());
    assertEquals(List.of(Machines.T4, Machines.H100), ids.candidates());
    assertEquals(2, ids.count());
  }

  @Test
  void anUnreadableMachineIsLeftToAContainerRuntimeButHasNoGpuForALocalTool() throws Exception {
    GpuInventory unknown = GpuInventory.unknown("nvidia-smi", "nvidia-smi is not on the PATH (no NVIDIA driver here)");
    assertEquals(GpuDecision.Kind.UNCHECKED, GpuCheck.decide(need("1"), unknown, false).kind());
    GpuDecision local = GpuCheck.decide(need("1"), unknown, true);
    assertEquals(GpuDecision.Kind.REFUSED, local.kind());
    assertTrue(local.reason().contains("this machine has none (nvidia-smi is not on the PATH (no NVIDIA driver"
        + " here))"), local.reason());
  }

  @Test
  void aPlanRefusesAnImpossibleRequestAtOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path locks)
      throws Exception {
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> GpuPlan.of(need("{\"count\": 5}"),
        Machines.fourMixed(), GpuPool.in(locks), GpuPlan.Unknown.MEANS_NONE));
    assertTrue(e.getMessage().startsWith("this tool needs 5 GPUs and this machine has 4 that fit;"), e.getMessage());
  }

  @Test
  void visibleDevicesOfTheProcessRestrictTheInventory() {
    GpuInventory two = GpuInventories.visibleOnly(Machines.fourMixed(), "3," + Machines.T4.uuid());
    assertEquals(List.of(Machines.H100, Machines.T4), two.devices());
    assertTrue(two.note().orElseThrow().contains("leaves this process 2 of the machine's 4 devices"));
  }
}
