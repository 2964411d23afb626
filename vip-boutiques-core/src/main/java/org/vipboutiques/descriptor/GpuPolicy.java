package org.vipboutiques.descriptor;

/** Whether a tool must have a GPU, or only runs faster with one. */
public enum GpuPolicy {
  /** The tool cannot run without a GPU. */
  REQUIRED,
  /** The tool uses a GPU when there is one and falls back to the CPU otherwise. */
  PREFERRED
}
