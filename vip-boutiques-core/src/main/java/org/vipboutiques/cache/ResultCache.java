package org.vipboutiques.cache;

import java.nio.file.Path;
import java.util.Objects;
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
 * @param folder where entries are kept (made 0700 when new)
 * @param maxInputFiles the most files a job's File inputs may hold to be keyed (each input folder counted whole)
 * @param maxInputBytes the most bytes they may hold; a job over either bound is refused with one line saying so
 */
public record ResultCache(Path folder, long maxInputFiles, long maxInputBytes) {

  /** The executor setting that turns the cache on: its folder. */
  public static final String SETTING = "cache";

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
  }

  /** A cache in {@code folder}, with the default bounds. */
  public static ResultCache in(Path folder) {
    return new ResultCache(folder, DEFAULT_MAX_INPUT_FILES, DEFAULT_MAX_INPUT_BYTES);
  }

  /** The same cache with other bounds on what a job's File inputs may hold. */
  public ResultCache withLimits(long files, long bytes) {
    return new ResultCache(folder, files, bytes);
  }

  /**
   * {@code backend} behind this cache: jobs whose key is stored are answered from it, others run on
   * {@code backend} (in a new folder under {@code jobsDirectory} unless the request names one) and
   * are stored when they succeed. Closing the returned executor closes {@code backend}.
   */
  public JobExecutor wrap(JobExecutor backend, Path jobsDirectory) {
    return new CachingExecutor(Objects.requireNonNull(backend, "backend"), new CacheStore(this),
        Objects.requireNonNull(jobsDirectory, "jobsDirectory").toAbsolutePath().normalize());
  }
}
