package org.vipboutiques.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.vipboutiques.execution.Durations;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutor;

/**
 * A content-addressed cache of successful runs, in a folder: put it in front of any executor
 * with {@link #wrap}, or give an executor the {@value #SETTING} setting.
 *
 * <pre>{@code
 * try (JobExecutor cached = ResultCache.in(Path.of("cache")).wrap(executor, Path.of("vip-boutiques-jobs"))) {
 *   JobResult r = cached.submit(request).await();   // r.cacheHit() when an identical run succeeded before
 * }
 * }</pre>
 *
 * <p>A job's key covers the descriptor, the invocation after defaults, the content of every File
 * input (folders recursively), the container image (the descriptor's reference and hash, and the
 * digest given as the request option {@value #IMAGE_DIGEST_OPTION}) and the request's environment;
 * not the executor, the job folder or back-end options. A job whose key is stored gets the stored
 * outputs and logs copied into its own job folder, without running, and a result that says
 * {@link org.vipboutiques.execution.JobResult#cacheHit()}; its listeners hear queued, running,
 * the stored lines and succeeded. Only a run that succeeded (exit code 0, every required output
 * there, every output a plain file or folder inside the job folder) is stored. Identical jobs
 * submitted at once run once: the later wait for the first (in this process and, through a file
 * lock, in others sharing the folder). Entries are written whole or not at all (a temporary folder
 * renamed), their user's alone; an entry with a file missing or changed in size is a miss, and the
 * next successful run replaces it. Jobs with mounts run uncached (their content is not in a key).
 *
 * <p>Eviction, when bounds are given ({@link #withEviction}, the settings {@value #MAX_SIZE_SETTING}
 * and {@value #MAX_AGE_SETTING}): after each run stored and when the cache is put in front of an
 * executor, entries not used for longer than the age are deleted, then the least recently used
 * ones until the entries fit in the size. A hit counts as a use. An entry whose key is locked (a
 * job of that key running or being answered, in any process) is never deleted; one process
 * evicts at a time (a file lock), the others skip. A store does not read every entry: the last
 * pass that did (kept in {@code locks/evict.scan}) tells whether any can be out of bounds yet; a
 * full pass comes when one may be, after a sixteenth of the entries were stored, or ten minutes
 * after the last, so each store reads about 16 entries whatever the cache holds.
 *
 * @param folder where entries are kept (made 0700 when new)
 * @param maxInputFiles the most files a job's File inputs may hold to be keyed (each input folder counted whole)
 * @param maxInputBytes the most bytes they may hold; a job over either bound is refused with one line saying so
 * @param maxSize the most bytes the entries may hold together (outputs and logs), if bounded
 * @param maxAge the longest an entry is kept since it was last used, if bounded
 */
public record ResultCache(Path folder, long maxInputFiles, long maxInputBytes, OptionalLong maxSize,
    Optional<Duration> maxAge) {

  /** The executor setting that turns the cache on: its folder. */
  public static final String SETTING = "cache";

  /** The executor setting bounding the entries' total size: bytes, or with K, M, G or T (powers of 1024). */
  public static final String MAX_SIZE_SETTING = "cache-max-size";

  /** The executor setting bounding how long an unused entry is kept ({@code 30d}, {@code 12h}, {@code PT1H}). */
  public static final String MAX_AGE_SETTING = "cache-max-age";

  /** A request option naming the image's digest ({@code sha256:...}) when the caller knows it: part of the key. */
  public static final String IMAGE_DIGEST_OPTION = "image-digest";

  /** Default bound on the files of a job's File inputs. */
  public static final long DEFAULT_MAX_INPUT_FILES = 100_000;

  /** Default bound on the bytes of a job's File inputs (64 GiB). */
  public static final long DEFAULT_MAX_INPUT_BYTES = 64L << 30;

  public ResultCache {
    Objects.requireNonNull(folder, "folder");
    folder = folder.toAbsolutePath().normalize();
    if (maxInputFiles <= 0 || maxInputBytes <= 0) {
      throw new IllegalArgumentException("the cache's bounds must be positive: " + maxInputFiles + " files, "
          + maxInputBytes + " bytes");
    }
    Objects.requireNonNull(maxSize, "maxSize");
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxSize.isPresent() && maxSize.getAsLong() < 0) {
      throw new IllegalArgumentException("the cache's size bound must not be negative: " + maxSize.getAsLong());
    }
    if (maxAge.isPresent() && (maxAge.get().isNegative() || maxAge.get().isZero())) {
      throw new IllegalArgumentException("the cache's age bound must be positive: " + maxAge.get());
    }
  }

  /** A cache in {@code folder}, with the default bounds on inputs and no eviction. */
  public static ResultCache in(Path folder) {
    return new ResultCache(folder, DEFAULT_MAX_INPUT_FILES, DEFAULT_MAX_INPUT_BYTES, OptionalLong.empty(),
        Optional.empty());
  }

  /**
   * The cache the settings {@value #SETTING}, {@value #MAX_SIZE_SETTING} and {@value #MAX_AGE_SETTING}
   * describe, if {@value #SETTING} names a folder.
   *
   * @throws IllegalArgumentException naming the setting whose value cannot be read
   */
  public static Optional<ResultCache> fromSettings(ExecutorConfig config) {
    Optional<String> folder = config.setting(SETTING).filter(f -> !f.isBlank());
    OptionalLong size = config.setting(MAX_SIZE_SETTING).map(v -> OptionalLong.of(parseSize(v)))
        .orElse(OptionalLong.empty());
    Optional<Duration> age;
    try {
      age = config.setting(MAX_AGE_SETTING).map(Durations::parse);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setting " + MAX_AGE_SETTING + ": " + e.getMessage(), e);
    }
    if (folder.isEmpty()) {
      if (size.isPresent() || age.isPresent()) {
        throw new IllegalArgumentException("settings " + MAX_SIZE_SETTING + " and " + MAX_AGE_SETTING
            + " bound a result cache, but the setting " + SETTING + " names none; add cache=FOLDER");
      }
      return Optional.empty();
    }
    ResultCache cache = in(Path.of(folder.get()));
    return Optional.of(new ResultCache(cache.folder, cache.maxInputFiles, cache.maxInputBytes, size, age));
  }

  /** {@code 500M}, {@code 10G}, {@code 1048576}: bytes, K/M/G/T being powers of 1024 (a trailing B or iB allowed). */
  static long parseSize(String text) {
    String s = text.strip().toUpperCase(Locale.ROOT);
    s = s.endsWith("IB") ? s.substring(0, s.length() - 2) : s.endsWith("B") ? s.substring(0, s.length() - 1) : s;
    int shift = 0;
    if (!s.isEmpty()) {
      switch (s.charAt(s.length() - 1)) {
        case 'K' -> shift = 10;
        case 'M' -> shift = 20;
        case 'G' -> shift = 30;
        case 'T' -> shift = 40;
        default -> shift = -1;
      }
      if (shift >= 0) {
        s = s.substring(0, s.length() - 1).strip();
      } else {
        shift = 0;
      }
    }
    try {
      double value = Double.parseDouble(s) * Math.pow(2, shift);
      if (!(value >= 0) || value > Long.MAX_VALUE) {
        throw new NumberFormatException(text);
      }
      return (long) value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting " + MAX_SIZE_SETTING + " must be a size such as 500M or 10G, not \""
          + text + "\"", e);
    }
  }

  /** The same cache with other bounds on what a job's File inputs may hold. */
  public ResultCache withLimits(long files, long bytes) {
    return new ResultCache(folder, files, bytes, maxSize, maxAge);
  }

  /**
   * The same cache, evicting entries: those unused for longer than {@code age} (when given), then the
   * least recently used until the entries hold at most {@code size} bytes (when given).
   */
  public ResultCache withEviction(OptionalLong size, Optional<Duration> age) {
    return new ResultCache(folder, maxInputFiles, maxInputBytes, size, age);
  }

  /**
   * Applies the eviction bounds now, reading every entry (what {@link #wrap} and every stored run
   * also do, reading them only when one may be out of bounds); returns the number of entries deleted. Safe beside running jobs and other processes sharing the folder.
   */
  public int evict() {
    return new CacheStore(this).evict();
  }

  /**
   * {@code backend} behind this cache: jobs whose key is stored are answered from it, others run on
   * {@code backend} (in a new folder under {@code jobsDirectory} unless the request names one) and
   * are stored when they succeed. Closing the returned executor closes {@code backend}.
   */
  public JobExecutor wrap(JobExecutor backend, Path jobsDirectory) {
    CacheStore store = new CacheStore(this);
    store.evictIfDue(0);
    return new CachingExecutor(Objects.requireNonNull(backend, "backend"), store,
        Objects.requireNonNull(jobsDirectory, "jobsDirectory").toAbsolutePath().normalize());
  }
}
