package org.vipboutiques.execution.gpu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Devices a job holds, from {@link GpuPool#acquire} until {@link #close()} (idempotent), which the
 * back end calls when the job ends, however it ends.
 */
public final class GpuLease implements AutoCloseable {

  private final GpuPool pool;
  private final List<GpuDevice> devices;
  private final AtomicBoolean closed = new AtomicBoolean();

  GpuLease(GpuPool pool, List<GpuDevice> devices) {
    this.pool = pool;
    this.devices = List.copyOf(devices);
  }

  public List<GpuDevice> devices() {
    return devices;
  }

  /** The indices, comma-separated ({@code 0,2}). */
  public String indices() {
    return devices.stream().map(d -> Integer.toString(d.index())).collect(Collectors.joining(","));
  }

  /** The UUIDs, for Docker/Podman device ids and {@code NVIDIA_VISIBLE_DEVICES}. */
  public List<String> uuids() {
    return devices.stream().map(GpuDevice::uuid).toList();
  }

  /**
   * What a tool run on this machine reads: {@code CUDA_VISIBLE_DEVICES} with the indices, in PCI
   * bus order as the driver numbers them ({@code CUDA_DEVICE_ORDER=PCI_BUS_ID}; CUDA's own
   * default order, fastest first, can differ).
   */
  public Map<String, String> cudaEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CUDA_DEVICE_ORDER", "PCI_BUS_ID");
    env.put("CUDA_VISIBLE_DEVICES", indices());
    return env;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      pool.release(devices);
    }
  }

  @Override
  public String toString() {
    return devices.stream().map(GpuDevice::label).collect(Collectors.joining(", "));
  }
}
