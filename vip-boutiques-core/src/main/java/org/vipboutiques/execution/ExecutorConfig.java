package org.vipboutiques.execution;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to make an executor: its name ({@code local}, {@code docker}, {@code slurm},
 * {@code dirac}, ...), the folder jobs run under, how many jobs may run at once, and settings
 * for the back end (strings, as they come from properties or the command line).
 *
 * @param maxConcurrentJobs the most jobs running at once; 0 means the machine's cores divided
 *     by the descriptor's {@code cpu-cores}
 * @param walltimeFactor a job without an explicit timeout is stopped after this many times its
 *     descriptor's {@code walltime-estimate}; 0 for no derived timeout
 */
public record ExecutorConfig(
    String name, Path baseDirectory, int maxConcurrentJobs, double walltimeFactor, Map<String, String> settings) {

  public ExecutorConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baseDirectory, "baseDirectory");
    if (maxConcurrentJobs < 0) {
      throw new IllegalArgumentException("maxConcurrentJobs must not be negative: " + maxConcurrentJobs);
    }
    if (walltimeFactor < 0 || Double.isNaN(walltimeFactor)) {
      throw new IllegalArgumentException("walltimeFactor must not be negative: " + walltimeFactor);
    }
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** Defaults: jobs under {@code ./vip-boutiques-jobs}, automatic concurrency, 3x the walltime estimate. */
  public static ExecutorConfig of(String name) {
    return builder(name).build();
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public Optional<String> setting(String key) {
    return Optional.ofNullable(settings.get(key));
  }

  /** A setting read as a duration: {@code 90}, {@code 90s}, {@code 5m}, {@code 2h}, or ISO-8601. */
  public Optional<Duration> durationSetting(String key) {
    return setting(key).map(Durations::parse);
  }

  /** Builder of {@link ExecutorConfig}s. */
  public static final class Builder {
    private final String name;
    private Path baseDirectory = Path.of("vip-boutiques-jobs");
    private int maxConcurrentJobs;
    private double walltimeFactor = 3;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder baseDirectory(Path folder) {
      this.baseDirectory = Objects.requireNonNull(folder, "folder");
      return this;
    }

    public Builder maxConcurrentJobs(int n) {
      this.maxConcurrentJobs = n;
      return this;
    }

    public Builder walltimeFactor(double factor) {
      this.walltimeFactor = factor;
      return this;
    }

    public Builder setting(String key, String value) {
      settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder settings(Map<String, String> values) {
      values.forEach(this::setting);
      return this;
    }

    public ExecutorConfig build() {
      return new ExecutorConfig(name, baseDirectory.toAbsolutePath().normalize(), maxConcurrentJobs, walltimeFactor,
          settings);
    }
  }
}
