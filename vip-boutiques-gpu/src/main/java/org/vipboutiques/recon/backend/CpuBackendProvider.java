package org.vipboutiques.recon.backend;

/** Provides the CPU back end, which is always usable. */
public final class CpuBackendProvider implements BackendProvider {

  @Override
  public BackendKind kind() {
    return BackendKind.CPU;
  }

  @Override
  public Availability availability() {
    return Availability.usable("CPU, " + Runtime.getRuntime().availableProcessors() + " cores");
  }

  @Override
  public Backend open() {
    return new CpuBackend();
  }
}
