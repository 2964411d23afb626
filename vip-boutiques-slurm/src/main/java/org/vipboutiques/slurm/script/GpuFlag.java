package org.vipboutiques.slurm.script;

import java.util.Locale;

/** How GPUs are asked of Slurm (setting {@code gpu-flag}). */
public enum GpuFlag {
  /** {@code --gpus=[TYPE:]N} (Slurm 19.05 and later, cons_tres). */
  GPUS,
  /** {@code --gres=gpu[:TYPE]:N}, which every Slurm knows. */
  GRES;

  public static GpuFlag parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "gpus", "--gpus" -> GPUS;
      case "gres", "--gres" -> GRES;
      default -> throw new IllegalArgumentException("gpu-flag must be gpus (--gpus=N) or gres (--gres=gpu:N), not \""
          + text + "\"");
    };
  }
}
