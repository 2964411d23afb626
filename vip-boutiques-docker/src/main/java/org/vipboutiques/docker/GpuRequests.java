package org.vipboutiques.docker;

import com.github.dockerjava.api.model.DeviceRequest;
import java.util.List;
import java.util.Map;
import org.vipboutiques.descriptor.GpuRequirement;

/** A GPU requirement as Docker device requests (driver nvidia, capability gpu). */
final class GpuRequests {

  private GpuRequests() {}

  static DeviceRequest deviceRequest(GpuRequirement gpu) {
    DeviceRequest r = new DeviceRequest().withDriver("nvidia").withCapabilities(List.of(List.of("gpu")));
    if (!gpu.deviceIds().isEmpty()) {
      return r.withDeviceIds(gpu.deviceIds());
    }
    return r.withCount(gpu.allDevices() ? -1 : gpu.maxCount().orElse(gpu.count()));
  }

  /** What the NVIDIA container runtime reads to expose devices. */
  static Map<String, String> environment(GpuRequirement gpu) {
    String visible = gpu.deviceIds().isEmpty() ? "all" : String.join(",", gpu.deviceIds());
    return Map.of("NVIDIA_VISIBLE_DEVICES", visible, "NVIDIA_DRIVER_CAPABILITIES", "compute,utility");
  }

  /** The {@code docker run --gpus} value. */
  static String dockerFlag(GpuRequirement gpu) {
    if (!gpu.deviceIds().isEmpty()) {
      return "\"device=" + String.join(",", gpu.deviceIds()) + "\"";
    }
    return gpu.allDevices() ? "all" : Integer.toString(gpu.maxCount().orElse(gpu.count()));
  }
}
