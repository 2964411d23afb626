package org.vipboutiques.execution.gpu;

/**
 * Reads the GPUs of this machine. Implementations are found through {@link java.util.ServiceLoader}
 * (the {@code vip-boutiques-nvidia} module reads them with {@code nvidia-smi}); one that finds no
 * driver tool of its kind answers an inventory that is not {@linkplain GpuInventory#known() known}.
 * Implementations cache what they read: devices do not change while a process runs.
 */
public interface GpuProbe {

  /** The probe's name, for messages ({@code nvidia-smi}). */
  String name();

  /** The machine's devices; never throws: a failure is an inventory with no devices and a note. */
  GpuInventory read();
}
