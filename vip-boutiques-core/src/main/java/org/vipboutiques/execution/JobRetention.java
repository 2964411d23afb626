package org.vipboutiques.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which ended jobs' folders to keep under an executor's base folder: the last {@code keepLast}
 * to end, and those that ended within {@code keepFor}. A folder either rule keeps is kept; the
 * others are deleted by {@link JobExecutors#pruneJobFolders}, or when an executor is created with the
 * settings {@code keep-jobs=N} and {@code keep-jobs-for=7d}. A job that has not ended (running,
 * queued, on a cluster while this process was away) is never touched, nor is a folder that no
 * job of this library ended in.
 *
 * @param keepLast how many of the most recently ended jobs to keep
 * @param keepFor how long after its end a job's folder is kept
 */
public record JobRetention(OptionalInt keepLast, Optional<Duration> keepFor) {

  /** The setting: how many ended jobs' folders to keep. */
  public static final String KEEP_JOBS = "keep-jobs";
  /** The setting: how long after their end jobs' folders are kept ({@code 90m}, {@code 7d}, ISO-8601). */
  public static final String KEEP_JOBS_FOR = "keep-jobs-for";

  public JobRetention {
    Objects.requireNonNull(keepLast, "keepLast");
    Objects.requireNonNull(keepFor, "keepFor");
    if (keepLast.isPresent() && keepLast.getAsInt() < 0) {
      throw new IllegalArgumentException("keepLast must not be negative: " + keepLast.getAsInt());
    }
    keepFor.ifPresent(d -> {
      if (d.isNegative()) {
        throw new IllegalArgumentException("keepFor must not be negative: " + d);
      }
    });
    if (keepLast.isEmpty() && keepFor.isEmpty()) {
      throw new IllegalArgumentException("a retention keeps the last N jobs, those of a recent period, or both");
    }
  }

  /** Keeps the folders of the {@code n} jobs that ended last (0: none). */
  public static JobRetention keepLast(int n) {
    return new JobRetention(OptionalInt.of(n), Optional.empty());
  }

  /** Keeps the folders of jobs that ended less than {@code age} ago. */
  public static JobRetention keepFor(Duration age) {
    return new JobRetention(OptionalInt.empty(), Optional.of(Objects.requireNonNull(age, "age")));
  }

  /** This retention, also keeping the {@code n} jobs that ended last. */
  public JobRetention andKeepLast(int n) {
    return new JobRetention(OptionalInt.of(n), keepFor);
  }

  /** This retention, also keeping the jobs that ended less than {@code age} ago. */
  public JobRetention andKeepFor(Duration age) {
    return new JobRetention(keepLast, Optional.of(Objects.requireNonNull(age, "age")));
  }

  /**
   * The retention the settings {@code keep-jobs} and {@code keep-jobs-for} ask for, if any.
   *
   * @throws IllegalArgumentException naming the setting when a value cannot be read
   */
  public static Optional<JobRetention> fromSettings(ExecutorConfig config) {
    OptionalInt last = OptionalInt.empty();
    Optional<String> n = config.setting(KEEP_JOBS);
    if (n.isPresent()) {
      try {
        last = OptionalInt.of(Integer.parseInt(n.get().strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("setting " + KEEP_JOBS + " must be a whole number of jobs, not \""
            + n.get() + "\"");
      }
      if (last.getAsInt() < 0) {
        throw new IllegalArgumentException("setting " + KEEP_JOBS + " must not be negative: " + n.get());
      }
    }
    Optional<Duration> age;
    try {
      age = config.durationSetting(KEEP_JOBS_FOR);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setting " + KEEP_JOBS_FOR + ": " + e.getMessage(), e);
    }
    if (last.isEmpty() && age.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new JobRetention(last, age));
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    keepLast.ifPresent(n -> parts.add("the last " + n + " jobs"));
    keepFor.ifPresent(d -> parts.add("jobs ended within " + Durations.format(d)));
    return "keep " + String.join(" and ", parts);
  }
}
