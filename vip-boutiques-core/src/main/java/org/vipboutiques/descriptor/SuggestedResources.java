package org.vipboutiques.descriptor;

import java.time.Duration;
import java.util.Optional;
import org.vipboutiques.json.JsonObject;

/**
 * The resources a descriptor suggests for one run.
 *
 * @param ramGb memory in GB
 * @param diskSpaceGb scratch disk in GB
 * @param walltimeEstimateSeconds expected duration in seconds
 * @param json the whole object, including keys this version does not know
 */
public record SuggestedResources(
    Optional<Integer> cpuCores,
    Optional<Double> ramGb,
    Optional<Double> diskSpaceGb,
    Optional<Integer> nodes,
    Optional<Double> walltimeEstimateSeconds,
    JsonObject json) {

  /** The walltime estimate as a duration (rounded up to whole milliseconds). */
  public Optional<Duration> walltimeEstimate() {
    return walltimeEstimateSeconds.map(s -> Duration.ofMillis((long) Math.ceil(s * 1000)));
  }
}
