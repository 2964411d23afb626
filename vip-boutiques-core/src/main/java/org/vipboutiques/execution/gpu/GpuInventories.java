package org.vipboutiques.execution.gpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;

/** The inventory of this machine, from the first {@link GpuProbe} that can read it. */
public final class GpuInventories {

  private GpuInventories() {}

  /**
   * This machine's GPUs. When the process runs with {@code CUDA_VISIBLE_DEVICES} set (a Slurm job
   * step, a user's choice), only those devices are this process's.
   */
  public static GpuInventory local() {
    List<GpuInventory> answers = new ArrayList<>();
    for (GpuProbe probe : ServiceLoader.load(GpuProbe.class, GpuInventories.class.getClassLoader())) {
      GpuInventory inventory = probe.read();
      if (inventory.known()) {
        return visibleOnly(inventory, System.getenv("CUDA_VISIBLE_DEVICES"));
      }
      answers.add(inventory);
    }
    if (answers.isEmpty()) {
      return GpuInventory.unknown("none", "no GPU probe is on the class path (add vip-boutiques-nvidia)");
    }
    return answers.get(0);
  }

  static GpuInventory visibleOnly(GpuInventory inventory, String visible) {
    if (visible == null) {
      return inventory;
    }
    List<String> ids = Arrays.stream(visible.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    GpuInventory kept = inventory.restrictedTo(ids);
    return new GpuInventory(kept.known(), kept.devices(), kept.driverVersion(), kept.cudaVersion(), kept.source(),
        kept.devices().size() == inventory.devices().size() ? kept.note()
            : java.util.Optional.of("CUDA_VISIBLE_DEVICES=" + visible + " leaves this process "
                + kept.devices().size() + " of the machine's " + inventory.devices().size() + " devices"));
  }
}
