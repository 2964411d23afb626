package org.vipboutiques.execution.gpu;

import java.util.List;
import java.util.Optional;

/** Inventories as the fake nvidia-smi's machines describe them. */
final class Machines {

  static final GpuDevice A100_80 = new GpuDevice(0, "GPU-8d3f7b6a-2c1e-4f5a-9b8c-1a2b3c4d5e60",
      "NVIDIA A100-SXM4-80GB", 81920, Optional.of("8.0"));
  static final GpuDevice T4 = new GpuDevice(1, "GPU-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901", "Tesla T4", 15360,
      Optional.of("7.5"));
  static final GpuDevice GTX_1080_TI = new GpuDevice(2, "GPU-6e5d4c3b-2a19-0817-2635-445362718090",
      "NVIDIA GeForce GTX 1080 Ti", 11264, Optional.of("6.1"));
  static final GpuDevice H100 = new GpuDevice(3, "GPU-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "NVIDIA H100 80GB HBM3",
      81559, Optional.of("9.0"));

  private Machines() {}

  static GpuInventory fourMixed() {
    return new GpuInventory(true, List.of(A100_80, T4, GTX_1080_TI, H100), Optional.of("535.104.05"),
        Optional.of("12.2"), "fake", Optional.empty());
  }

  static GpuInventory none() {
    return new GpuInventory(true, List.of(), Optional.empty(), Optional.empty(), "fake",
        Optional.of("nvidia-smi: No devices were found"));
  }
}
