package org.vipboutiques.execution.gpu;

import java.util.List;
import java.util.Objects;

/**
 * What a job does about GPUs on this machine, decided before it is queued.
 *
 * @param kind what happens
 * @param candidates the devices that fit the requirement (for {@link Kind#USE_GPUS})
 * @param count how many of them the job takes
 * @param reason the sentence that explains a fallback, a refusal or an unchecked requirement;
 *     empty otherwise
 */
public record GpuDecision(Kind kind, List<GpuDevice> candidates, int count, String reason) {

  /** The possible decisions. */
  public enum Kind {
    /** The tool asks for no GPU. */
    NOT_NEEDED,
    /** The job takes {@code count} of the candidates, once they are free. */
    USE_GPUS,
    /** No device fits and the tool's policy is {@code preferred}: it runs on the CPU. */
    CPU_FALLBACK,
    /** No device fits and the tool's policy is {@code required}: the job is refused. */
    REFUSED,
    /** The machine's devices cannot be read here; the container runtime decides, as without a check. */
    UNCHECKED
  }

  public GpuDecision {
    Objects.requireNonNull(kind, "kind");
    candidates = List.copyOf(candidates);
    Objects.requireNonNull(reason, "reason");
  }

  static GpuDecision notNeeded() {
    return new GpuDecision(Kind.NOT_NEEDED, List.of(), 0, "");
  }
}
