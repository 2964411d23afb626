package org.vipboutiques.slurm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.execution.Durations;
import org.vipboutiques.execution.ExecutorConfig;

/**
 * The Slurm executor's own settings, read from {@link ExecutorConfig#settings()} (durations as
 * {@code 2s}, {@code 5m}, ...). Settings that shape each job (partition, account, ...) are
 * {@link org.vipboutiques.slurm.script.JobOptions}; the paths of the Slurm commands
 * ({@code sbatch=...}) are read by {@link org.vipboutiques.slurm.command.SlurmCommands}.
 *
 * @param pollInterval the shortest time between two polls ({@code poll-interval}, 2s): after a
 *     submission, a cancellation or a change seen, the next poll comes this soon
 * @param pollIntervalMax the longest ({@code poll-interval-max}, 30s): while nothing changes,
 *     the interval grows by half each poll up to this
 * @param commandTimeout the longest a Slurm command may take ({@code command-timeout}, 60s)
 * @param nodeCheckInterval how often the nodes of running jobs are checked with {@code sinfo}
 *     ({@code node-check-interval}, 1m)
 * @param nodeGrace how long a running job's node may stop answering before the job is failed
 *     and cancelled ({@code node-grace}, 5m; Slurm's own {@code SlurmdTimeout} usually ends such
 *     a job as NODE_FAIL first)
 * @param lostGrace how long a job may be unknown to Slurm, with no exit code in its folder,
 *     before it is failed as lost ({@code lost-grace}, 2m; covers shared file systems that show
 *     new files late)
 * @param controllerGrace how long the controller may not answer before the jobs followed are
 *     given up ({@code controller-grace}, 10m); they end FAILED but stay in the store, to be
 *     re-attached
 * @param completingGrace how long a job may stay COMPLETING once its exit code is in its folder
 *     ({@code completing-grace}, 1m)
 * @param accounting whether to ask {@code sacct} ({@code accounting}: {@code auto} asks the
 *     cluster's configuration, {@code yes}, {@code no})
 * @param cancelOnClose whether {@link SlurmExecutor#close()} cancels the jobs still followed
 *     ({@code cancel-on-close}, false)
 * @param followLogs whether the tool's log files are read while it runs, for listeners
 *     ({@code follow-logs}, true)
 * @param store the job store file ({@code store}; default {@code .vipb-slurm-jobs.jsonl} in the
 *     executor's base folder)
 * @param probe whether creating the executor asks the controller for its configuration, and
 *     fails when it does not answer ({@code probe}, true)
 */
public record SlurmSettings(
    Duration pollInterval,
    Duration pollIntervalMax,
    Duration commandTimeout,
    Duration nodeCheckInterval,
    Duration nodeGrace,
    Duration lostGrace,
    Duration controllerGrace,
    Duration completingGrace,
    Accounting accounting,
    boolean cancelOnClose,
    boolean followLogs,
    Path store,
    boolean probe) {

  /** Whether to use {@code sacct}. */
  public enum Accounting { AUTO, YES, NO }

  /** The store file's name in the base folder, by default. */
  public static final String STORE_FILE = ".vipb-slurm-jobs.jsonl";

  public SlurmSettings {
    for (Duration d : new Duration[] {pollInterval, pollIntervalMax, commandTimeout, nodeCheckInterval, nodeGrace,
        lostGrace, controllerGrace, completingGrace}) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive: " + d);
      }
    }
    if (pollIntervalMax.compareTo(pollInterval) < 0) {
      pollIntervalMax = pollInterval;
    }
    Objects.requireNonNull(accounting, "accounting");
    Objects.requireNonNull(store, "store");
  }

  /** The keys {@link #from} reads. */
  public static final java.util.Set<String> KEYS = java.util.Set.of("poll-interval", "poll-interval-max",
      "command-timeout", "node-check-interval", "node-grace", "lost-grace", "controller-grace", "completing-grace",
      "accounting", "cancel-on-close", "follow-logs", "store", "probe");

  /**
   * The settings of a configuration, defaults for those not given.
   *
   * @throws IllegalArgumentException naming the setting, when a value cannot be read
   */
  public static SlurmSettings from(ExecutorConfig config) {
    return new SlurmSettings(
        duration(config, "poll-interval", "2s"),
        duration(config, "poll-interval-max", "30s"),
        duration(config, "command-timeout", "60s"),
        duration(config, "node-check-interval", "1m"),
        duration(config, "node-grace", "5m"),
        duration(config, "lost-grace", "2m"),
        duration(config, "controller-grace", "10m"),
        duration(config, "completing-grace", "1m"),
        config.setting("accounting").map(SlurmSettings::accounting).orElse(Accounting.AUTO),
        bool(config, "cancel-on-close", false),
        bool(config, "follow-logs", true),
        config.setting("store").map(s -> Path.of(s).toAbsolutePath().normalize())
            .orElse(config.baseDirectory().resolve(STORE_FILE)),
        bool(config, "probe", true));
  }

  private static Duration duration(ExecutorConfig config, String key, String fallback) {
    String text = config.setting(key).orElse(fallback);
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setting " + key + ": " + e.getMessage(), e);
    }
  }

  private static boolean bool(ExecutorConfig config, String key, boolean fallback) {
    Optional<String> v = config.setting(key);
    if (v.isEmpty()) {
      return fallback;
    }
    return switch (v.get().strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new IllegalArgumentException("setting " + key + " must be true or false, not \"" + v.get()
          + "\"");
    };
  }

  private static Accounting accounting(String v) {
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "auto" -> Accounting.AUTO;
      case "yes", "true", "sacct" -> Accounting.YES;
      case "no", "false", "none" -> Accounting.NO;
      default -> throw new IllegalArgumentException("setting accounting must be auto, yes or no, not \"" + v + "\"");
    };
  }
}
