package org.vipboutiques.nvidia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.gpu.GpuDevice;
import org.vipboutiques.execution.gpu.GpuInventories;
import org.vipboutiques.execution.gpu.GpuInventory;
import org.vipboutiques.testing.conditions.EnabledIfNvidiaGpu;
import org.vipboutiques.testing.gpus.FakeNvidiaSmi;
import org.vipboutiques.testing.gpus.FakeNvidiaSmi.Machine;

class NvidiaSmiTest {

  @TempDir
  Path dir;

  GpuInventory read(Machine machine) throws Exception {
    return NvidiaSmi.readWith(FakeNvidiaSmi.write(dir, machine).resolve("nvidia-smi"));
  }

  @Test
  void fourDevicesOfDifferentKinds() throws Exception {
    GpuInventory inv = read(Machine.FOUR_MIXED);
    assertTrue(inv.known());
    assertEquals(Optional.of("535.104.05"), inv.driverVersion());
    assertEquals(Optional.of("12.2"), inv.cudaVersion());
    assertEquals(Optional.empty(), inv.note());
    assertEquals(List.of(
        new GpuDevice(0, "GPU-8d3f7b6a-2c1e-4f5a-9b8c-1a2b3c4d5e60", "NVIDIA A100-SXM4-80GB", 81920, Optional.of("8.0")),
        new GpuDevice(1, "GPU-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901", "Tesla T4", 15360, Optional.of("7.5")),
        new GpuDevice(2, "GPU-6e5d4c3b-2a19-0817-2635-445362718090", "NVIDIA GeForce GTX 1080 Ti", 11264,
            Optional.of("6.1")),
        new GpuDevice(3, "GPU-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "NVIDIA H100 80GB HBM3", 81559,
            Optional.of("9.0"))), inv.devices());
    // The query and the plain header: two runs, with exactly the arguments the real tool takes.
    assertEquals(List.of("--query-gpu=index,uuid,name,memory.total,compute_cap,driver_version"
        + " --format=csv,noheader,nounits", ""), Files.readAllLines(dir.resolve("calls")));
  }

  @Test
  void oneDevice() throws Exception {
    GpuInventory inv = read(Machine.ONE);
    assertEquals(1, inv.devices().size());
    assertEquals("Tesla T4", inv.devices().get(0).name());
  }

  @Test
  void noDeviceIsAKnownMachineWithNone() throws Exception {
    GpuInventory inv = read(Machine.NONE);
    assertTrue(inv.known());
    assertEquals(List.of(), inv.devices());
    assertEquals(Optional.of("nvidia-smi: No devices were found"), inv.note());
  }

  @Test
  void aDriverBefore510IsAskedAgainWithoutComputeCap() throws Exception {
    GpuInventory inv = read(Machine.OLD_DRIVER);
    assertEquals(2, inv.devices().size());
    assertEquals(Optional.empty(), inv.devices().get(0).computeCapability());
    assertEquals(Optional.of("11.4"), inv.cudaVersion());
    assertTrue(inv.note().orElseThrow().contains("compute_cap needs driver 510 or later"));
  }

  @Test
  void aFailingCommandIsAMachineWithoutDevicesThatSaysWhy() throws Exception {
    Path smi = dir.resolve("nvidia-smi");
    Files.writeString(smi, "#!/bin/sh\necho 'NVIDIA-SMI has failed because it couldn'\"'\"'t communicate with the"
        + " NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.'\nexit 9\n");
    smi.toFile().setExecutable(true);
    GpuInventory inv = NvidiaSmi.readWith(smi);
    assertTrue(inv.known());
    assertEquals(List.of(), inv.devices());
    assertTrue(inv.note().orElseThrow().startsWith("nvidia-smi exited 9: NVIDIA-SMI has failed because it couldn't"
        + " communicate with the NVIDIA driver."), inv.note().toString());
  }

  @Test
  void aProductNameWithACommaStaysWhole() {
    NvidiaSmiOutput.Rows rows = NvidiaSmiOutput.devices("0, GPU-x, Vendor Card, Rev 2, 8192, 8.6, 550.54.14\n",
        NvidiaSmiOutput.FIELDS);
    assertEquals("Vendor Card, Rev 2", rows.devices().get(0).name());
    assertEquals(Optional.of("550.54.14"), rows.driverVersion());
  }

  @Test
  void unsupportedValuesAreNoValue() {
    NvidiaSmiOutput.Rows rows = NvidiaSmiOutput.devices("0, GPU-x, Card, [N/A], [Not Supported], 550.54.14\n",
        NvidiaSmiOutput.FIELDS);
    assertEquals(0, rows.devices().get(0).memoryMib());
    assertEquals(Optional.empty(), rows.devices().get(0).computeCapability());
  }

  @Test
  void theCommandIsLookedForOnThePath() throws Exception {
    Path bin = FakeNvidiaSmi.write(dir.resolve("bin"), Machine.ONE);
    assertEquals(Optional.of(bin.resolve("nvidia-smi").toAbsolutePath()),
        NvidiaSmi.onPath(dir.resolve("empty") + java.io.File.pathSeparator + bin));
    assertEquals(Optional.empty(), NvidiaSmi.onPath(dir.resolve("empty").toString()));
  }

  @Test
  void eachCommandIsReadOncePerProcess() throws Exception {
    Path bin = FakeNvidiaSmi.write(dir.resolve("bin"), Machine.FOUR_A100);
    String before = System.getProperty(NvidiaSmi.COMMAND_PROPERTY);
    System.setProperty(NvidiaSmi.COMMAND_PROPERTY, bin.resolve("nvidia-smi").toString());
    try {
      GpuInventory first = GpuInventories.local();
      GpuInventory again = GpuInventories.local();
      assertEquals(first, again);
      assertEquals(4, first.devices().size());
      assertEquals(2, FakeNvidiaSmi.calls(bin));
    } finally {
      if (before == null) {
        System.clearProperty(NvidiaSmi.COMMAND_PROPERTY);
      } else {
        System.setProperty(NvidiaSmi.COMMAND_PROPERTY, before);
      }
    }
  }

  @Test
  @EnabledIfNvidiaGpu
  void theRealNvidiaSmiIsReadWhereThereIsOne() {
    assertFalse(System.getProperty(NvidiaSmi.COMMAND_PROPERTY) != null, "the real one, not a fake");
    GpuInventory inv = new NvidiaSmi().read();
    assertTrue(inv.known(), inv.toString());
    assertFalse(inv.devices().isEmpty(), inv.toString());
    for (GpuDevice d : inv.devices()) {
      assertTrue(d.uuid().startsWith("GPU-") || d.uuid().startsWith("MIG-"), d.toString());
      assertTrue(d.memoryMib() > 0, d.toString());
      assertTrue(d.computeCapability().orElseThrow().matches("\\d+\\.\\d+"), d.toString());
    }
    assertTrue(inv.cudaVersion().orElseThrow().matches("\\d+\\.\\d+"), inv.toString());
    assertTrue(inv.driverVersion().isPresent(), inv.toString());
  }
}
