package org.vipboutiques.slurm.script;

import java.util.Locale;

/** Where the tool runs on the node (setting {@code container}). */
public enum ContainerMode {
  /**
   * In its container: with Docker when the node has a working Docker, else Apptainer or
   * Singularity, else on the host.
   */
  AUTO,
  /** In its container with Docker; the job fails when the node has none. */
  DOCKER,
  /** In its container with Apptainer (or Singularity); the job fails when the node has neither. */
  APPTAINER,
  /** On the host, whatever the descriptor says. */
  NONE;

  public static ContainerMode parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "auto" -> AUTO;
      case "docker" -> DOCKER;
      case "apptainer", "singularity" -> APPTAINER;
      case "none", "host", "no", "false" -> NONE;
      default -> throw new IllegalArgumentException("container must be auto, docker, apptainer or none, not \""
          + text + "\"");
    };
  }
}
