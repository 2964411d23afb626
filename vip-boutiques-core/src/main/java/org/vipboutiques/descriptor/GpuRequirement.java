package org.vipboutiques.descriptor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tool needs of GPUs. The Boutiques format has no GPU field; vip-boutiques reads the
 * {@code custom} key {@code "vip:gpu"} (see {@code docs/gpu.md}) and also recognises
 * {@code --gpus ...} / {@code --runtime=nvidia} in Docker {@code container-opts} and
 * {@code --nv} for Singularity/Apptainer.
 *
 * @param count the least number of devices (at least 1)
 * @param allDevices whether the tool asks for every device of the node ({@code --gpus all})
 * @param maxCount the most devices the tool can use
 * @param minMemoryGb the least memory per device, in GB
 * @param cudaVersionMin the oldest CUDA version the tool works with, e.g. {@code 11.8}
 * @param computeCapabilities acceptable compute capabilities, e.g. {@code 7.0}; empty for any
 * @param type an accelerator type, e.g. {@code h100} (Slurm GRES type, Nextflow accelerator type)
 * @param deviceIds specific device ids, when the descriptor names them
 * @param policy whether the CPU is an acceptable fallback
 * @param source where the requirement was read from
 */
public record GpuRequirement(
    int count,
    boolean allDevices,
    Optional<Integer> maxCount,
    Optional<Double> minMemoryGb,
    Optional<String> cudaVersionMin,
    List<String> computeCapabilities,
    Optional<String> type,
    List<String> deviceIds,
    GpuPolicy policy,
    Source source) {

  /** Where a GPU requirement was found. */
  public enum Source {
    /** The {@code custom."vip:gpu"} key. */
    CUSTOM,
    /** Docker {@code container-opts} ({@code --gpus}, {@code --runtime=nvidia}). */
    DOCKER_OPTIONS,
    /** Singularity/Apptainer {@code container-opts} ({@code --nv}). */
    SINGULARITY_OPTIONS
  }

  /** The key under {@code custom}. */
  public static final String CUSTOM_KEY = "vip:gpu";

  public GpuRequirement {
    if (count < 1) {
      throw new IllegalArgumentException("GPU count must be at least 1: " + count);
    }
    Objects.requireNonNull(maxCount, "maxCount");
    if (maxCount.isPresent() && maxCount.get() < count) {
      throw new IllegalArgumentException("max-count " + maxCount.get() + " is below count " + count);
    }
    minMemoryGb.ifPresent(m -> {
      if (m <= 0) {
        throw new IllegalArgumentException("min-memory-gb must be positive: " + m);
      }
    });
    computeCapabilities = List.copyOf(computeCapabilities);
    deviceIds = List.copyOf(deviceIds);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(source, "source");
  }

  /**
   * The GPU requirement of a descriptor's JSON, without building the rest of its typed view.
   *
   * @throws MalformedGpuRequirementException when {@code custom."vip:gpu"} is malformed
   */
  public static java.util.Optional<GpuRequirement> fromDescriptor(org.vipboutiques.json.JsonObject descriptor)
      throws MalformedGpuRequirementException {
    return GpuRequirements.read(descriptor.object("custom").orElse(org.vipboutiques.json.JsonObject.EMPTY),
        descriptor.object("container-image").map(DescriptorReader::container));
  }

  /** One GPU, required, nothing else said. */
  public static GpuRequirement oneRequired(Source source) {
    return new GpuRequirement(1, false, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        Optional.empty(), List.of(), GpuPolicy.REQUIRED, source);
  }

  /** Whether the tool can still run, more slowly, without a GPU. */
  public boolean cpuFallback() {
    return policy == GpuPolicy.PREFERRED;
  }
}
