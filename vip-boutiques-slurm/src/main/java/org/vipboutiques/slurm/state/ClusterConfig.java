package org.vipboutiques.slurm.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the executor reads of the cluster's configuration ({@code scontrol show config}): whether
 * it keeps accounting ({@code sacct} works only then), the largest job array, its version.
 */
public record ClusterConfig(boolean accounting, int maxArraySize, String version) {

  /** What is assumed when the configuration is not read: no accounting, Slurm's default array size. */
  public static final ClusterConfig ASSUMED = new ClusterConfig(false, 1001, "unknown");

  public static List<String> arguments() {
    return List.of("show", "config");
  }

  /** Reads {@code Key = value} lines; anything missing is taken from {@link #ASSUMED}. */
  public static ClusterConfig parse(String stdout) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.putIfAbsent(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    boolean accounting = Optional.ofNullable(values.get("AccountingStorageType"))
        .map(v -> !v.isEmpty() && !v.endsWith("/none") && !v.equals("(null)")).orElse(ASSUMED.accounting());
    int maxArray = ASSUMED.maxArraySize();
    try {
      maxArray = Integer.parseInt(values.getOrDefault("MaxArraySize", "").strip());
    } catch (NumberFormatException e) {
      // keep the default
    }
    return new ClusterConfig(accounting, maxArray, values.getOrDefault("SLURM_VERSION", ASSUMED.version()));
  }
}
