package org.vipboutiques.execution.gpu;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The GPUs of this machine and what their driver supports.
 *
 * @param known whether a probe could read the machine ({@code false}: no driver tool here, so the
 *     machine's devices are unknown)
 * @param devices the devices, in index order; empty when none were found or could be read
 * @param driverVersion the driver's version, e.g. {@code 535.104.05}
 * @param cudaVersion the newest CUDA version the driver supports, e.g. {@code 12.2}
 * @param source how the devices were read, e.g. {@code /usr/bin/nvidia-smi}
 * @param note why there are no devices or why some facts are missing, when that is so
 */
public record GpuInventory(
    boolean known,
    List<GpuDevice> devices,
    Optional<String> driverVersion,
    Optional<String> cudaVersion,
    String source,
    Optional<String> note) {

  public GpuInventory {
    devices = List.copyOf(devices);
    Objects.requireNonNull(driverVersion, "driverVersion");
    Objects.requireNonNull(cudaVersion, "cudaVersion");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(note, "note");
  }

  /** A machine whose devices cannot be read, and why. */
  public static GpuInventory unknown(String source, String why) {
    return new GpuInventory(false, List.of(), Optional.empty(), Optional.empty(), source, Optional.of(why));
  }

  /** The devices named by {@code CUDA_VISIBLE_DEVICES}-style ids (indices or UUIDs), in that order. */
  public GpuInventory restrictedTo(List<String> ids) {
    List<GpuDevice> kept = new java.util.ArrayList<>();
    for (String id : ids) {
      for (GpuDevice d : devices) {
        if ((id.equals(Integer.toString(d.index())) || d.uuid().equalsIgnoreCase(id)) && !kept.contains(d)) {
          kept.add(d);
        }
      }
    }
    return new GpuInventory(known, kept, driverVersion, cudaVersion, source, note);
  }
}
