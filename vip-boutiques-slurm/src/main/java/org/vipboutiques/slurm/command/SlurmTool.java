package org.vipboutiques.slurm.command;

import java.util.Locale;

/** The Slurm client commands the executor calls; each can be given a path in the settings. */
public enum SlurmTool {
  SBATCH(true),
  SQUEUE(true),
  SCANCEL(true),
  SCONTROL(false),
  SACCT(false),
  SINFO(false);

  private final boolean required;

  SlurmTool(boolean required) {
    this.required = required;
  }

  /** The command's name, which is also its setting key: {@code sbatch}, {@code squeue}, ... */
  public String command() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the executor cannot work without it (the others widen what it can learn). */
  public boolean required() {
    return required;
  }
}
