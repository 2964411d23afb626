package org.vipboutiques.execution.gpu;

import java.util.Objects;
import java.util.Optional;

/**
 * One GPU of this machine, as its driver describes it.
 *
 * @param index the driver's index (PCI bus order, as {@code CUDA_DEVICE_ORDER=PCI_BUS_ID} numbers them)
 * @param uuid the device's UUID ({@code GPU-...}), stable across reboots and index changes
 * @param name the product name, e.g. {@code NVIDIA A100-SXM4-40GB}
 * @param memoryMib the device's total memory, in MiB
 * @param computeCapability e.g. {@code 8.0}; empty when the driver does not say
 */
public record GpuDevice(int index, String uuid, String name, long memoryMib, Optional<String> computeCapability) {

  public GpuDevice {
    if (index < 0) {
      throw new IllegalArgumentException("a device index is not negative: " + index);
    }
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(computeCapability, "computeCapability");
    if (memoryMib < 0) {
      throw new IllegalArgumentException("device memory is not negative: " + memoryMib);
    }
  }

  /**
   * The memory in GB as {@code min-memory-gb} counts it: 10^9 bytes, as vendors label cards (a
   * "16 GB" T4 reports 15,360 MiB, which is 16.1 GB and 15 GiB).
   */
  public double memoryGb() {
    return memoryMib * 1_048_576.0 / 1e9;
  }

  /** How messages name the device: {@code GPU 1 (NVIDIA A100-SXM4-40GB, GPU-...)}. */
  public String label() {
    return "GPU " + index + " (" + name + ", " + uuid + ")";
  }
}
