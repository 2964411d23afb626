package org.vipboutiques.recon.backend;

import java.util.Locale;

/** Which back end to run on: AUTO picks CUDA when a GPU is usable, else the CPU. */
public enum BackendKind {
  AUTO,
  CPU,
  CUDA;

  /** Parses auto, cpu, cuda or gpu (case-insensitive; gpu means cuda). */
  public static BackendKind parse(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    if (n.equals("GPU")) {
      return CUDA;
    }
    try {
      return valueOf(n);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown back end '" + name + "' (expected auto, cpu or cuda)", e);
    }
  }
}
