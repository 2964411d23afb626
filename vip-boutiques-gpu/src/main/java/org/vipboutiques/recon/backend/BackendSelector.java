package org.vipboutiques.recon.backend;

import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses a back end: the one asked for, or for AUTO the CUDA back end when its probe succeeded, else
 * the CPU with one log line saying why the GPU is not used. A GPU back end is logged too, with the
 * kernels it runs on the GPU. Probes run once per process.
 */
public final class BackendSelector {
  private static final Logger LOG = LoggerFactory.getLogger(BackendSelector.class);
  private static final Map<BackendKind, BackendProvider> PROVIDERS = load();

  private BackendSelector() {
  }

  private static Map<BackendKind, BackendProvider> load() {
    Map<BackendKind, BackendProvider> map = new EnumMap<>(BackendKind.class);
    for (BackendProvider p : ServiceLoader.load(BackendProvider.class, BackendSelector.class.getClassLoader())) {
      map.putIfAbsent(p.kind(), p);
    }
    map.putIfAbsent(BackendKind.CPU, new CpuBackendProvider());
    return map;
  }

  /** Whether {@code kind} can run here (AUTO is always usable: it falls back to the CPU). */
  public static Availability availability(BackendKind kind) {
    if (kind == BackendKind.AUTO) {
      Availability gpu = availability(BackendKind.CUDA);
      return gpu.usable() ? gpu : availability(BackendKind.CPU);
    }
    BackendProvider p = PROVIDERS.get(kind);
    return p == null
        ? Availability.unusable("no " + kind + " back end on the class path")
        : p.availability();
  }

  /** Opens the requested back end; an explicit CUDA request that cannot be met throws. */
  public static Backend open(BackendKind kind) {
    switch (kind) {
      case AUTO -> {
        Availability gpu = availability(BackendKind.CUDA);
        if (gpu.usable()) {
          return announced(PROVIDERS.get(BackendKind.CUDA).open());
        }
        Backend cpu = PROVIDERS.get(BackendKind.CPU).open();
        LOG.info("Using the {} back end: CUDA is not usable ({})", cpu.description(), gpu.detail());
        return cpu;
      }
      case CUDA -> {
        Availability gpu = availability(BackendKind.CUDA);
        if (!gpu.usable()) {
          throw new BackendUnavailableException("the CUDA back end was requested but is not usable: " + gpu.detail());
        }
        return announced(PROVIDERS.get(BackendKind.CUDA).open());
      }
      default -> {
        return PROVIDERS.get(BackendKind.CPU).open();
      }
    }
  }

  /** Logs which GPU back end runs, and (in its description) which kernels run on the GPU and why any does not. */
  private static Backend announced(Backend backend) {
    LOG.info("Using the {} back end: {}", backend.kind(), backend.description());
    return backend;
  }
}
