package org.vipboutiques.execution;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.vipboutiques.retry.RetryPolicy;

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

  /**
   * The settings every executor reads: {@code timeout} (the longest a job without its own may
   * run), and the retention of job folders, {@code keep-jobs} (how many ended jobs' folders to
   * keep) and {@code keep-jobs-for} (how long after their end); see {@link JobRetention}; and
   * {@code cache}, the folder of a result cache put in front of the executor
   * ({@link org.vipboutiques.cache.ResultCache}), and its eviction bounds {@code cache-max-size} and
   * {@code cache-max-age}; and the retries of jobs that fail because of what they run on,
   * {@code retries}, {@code retry-backoff}, {@code retry-exit-codes}
   * ({@link org.vipboutiques.retry.RetryPolicy}).
   */
  public static final Set<String> COMMON_SETTINGS = Set.of("timeout", JobRetention.KEEP_JOBS,
      JobRetention.KEEP_JOBS_FOR, "cache", "cache-max-size", "cache-max-age", RetryPolicy.RETRIES,
      RetryPolicy.BACKOFF, RetryPolicy.EXIT_CODES);

  /**
   * Checks that every setting is one the executor reads.
   *
   * @param known the back end's keys ({@link ExecutorFactory#knownSettings()}); the
   *     {@linkplain #COMMON_SETTINGS common ones} are added
   * @throws ExecutorUnavailableException naming each unknown key (with the nearest known one when
   *     it looks misspelled) and listing the known ones
   */
  public void requireKnownSettings(Collection<String> known) throws ExecutorUnavailableException {
    Set<String> all = new TreeSet<>(known);
    all.addAll(COMMON_SETTINGS);
    List<String> problems = new ArrayList<>();
    for (String key : settings.keySet()) {
      if (!isKnown(key, all)) {
        problems.add("\"" + key + "\"" + nearest(key, all).map(k -> " (did you mean \"" + k + "\"?)").orElse(""));
      }
    }
    if (!problems.isEmpty()) {
      throw new ExecutorUnavailableException("unknown setting" + (problems.size() > 1 ? "s " : " ")
          + String.join(", ", problems) + " for the " + name + " executor; its settings are "
          + String.join(", ", all));
    }
  }

  private static boolean isKnown(String key, Set<String> known) {
    for (String k : known) {
      if (k.endsWith("*") ? key.startsWith(k.substring(0, k.length() - 1)) : k.equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** The known key at an edit distance of at most 2 (a typo), if one is. */
  private static Optional<String> nearest(String key, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      if (k.endsWith("*")) {
        continue;
      }
      int d = distance(key.toLowerCase(java.util.Locale.ROOT), k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
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
