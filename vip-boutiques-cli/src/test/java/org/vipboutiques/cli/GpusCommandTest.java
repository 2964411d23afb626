package org.vipboutiques.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.gpu.GpuPool;
import org.vipboutiques.testing.gpus.FakeNvidiaSmi;
import org.vipboutiques.testing.gpus.FakeNvidiaSmi.Machine;

/** {@code vip-boutiques gpus} on machines described by a fake nvidia-smi. */
class GpusCommandTest {

  static final Path FBP = Path.of("..", "descriptors", "vip-recon-fbp.json");

  @TempDir
  Path dir;

  void on(Machine machine) throws Exception {
    Path fake = FakeNvidiaSmi.write(dir.resolve("fake-" + machine), machine);
    System.setProperty("vipboutiques.nvidia-smi", fake.resolve("nvidia-smi").toString());
    System.setProperty(GpuPool.DIRECTORY_PROPERTY, dir.resolve("locks").toString());
  }

  @AfterEach
  void clear() {
    System.clearProperty("vipboutiques.nvidia-smi");
    System.clearProperty(GpuPool.DIRECTORY_PROPERTY);
  }

  @Test
  void listsTheDevicesAndWhetherAToolCanRunOnThem() throws Exception {
    on(Machine.FOUR_MIXED);
    MainTest.Run r = MainTest.run("", "gpus", FBP.toString());
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n");
    assertTrue(lines[0].matches("GPUs read with .*/nvidia-smi, driver 535.104.05, CUDA 12.2: 4"), lines[0]);
    assertEquals("  1  Tesla T4                     GPU-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901  15360 MiB (16.1 GB)"
        + "  compute capability 7.5  free", lines[2]);
    assertTrue(r.out().contains("vip-recon-fbp can run here: 1 of GPU 0, GPU 1, GPU 3 per job (3 such jobs at"
        + " once)."), r.out());
  }

  @Test
  void aMachineWithoutDevicesSendsAPreferredToolToTheCpuAndRefusesARequiredOne() throws Exception {
    on(Machine.NONE);
    MainTest.Run fbp = MainTest.run("", "gpus", FBP.toString());
    assertEquals(0, fbp.code(), fbp.err());
    assertTrue(fbp.out().contains("vip-recon-fbp runs here on the CPU: this tool needs 1 GPU (min-memory-gb 4,"
        + " compute-capability 7.5 or newer, cuda-version-min 11.8) and this machine has none"), fbp.out());
    String required = Files.readString(FBP).replace("\"policy\": \"preferred\"", "\"policy\": \"required\"");
    Path tool = Files.writeString(dir.resolve("required.json"), required);
    MainTest.Run r = MainTest.run("", "gpus", tool.toString());
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("vip-recon-fbp cannot run here: this tool needs 1 GPU"), r.out());
  }
}
