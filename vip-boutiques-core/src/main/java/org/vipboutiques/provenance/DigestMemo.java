package org.vipboutiques.provenance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * MD5 sums already read, handed to the records prepared on this thread while a call runs. The
 * result cache reads each File input for its key (MD5 in the same pass as the SHA-256) and then
 * gives a miss to the back end, which prepares the job's record from the request alone: the cache
 * makes that call {@link #with} the key's sums, so the record does not read the inputs again. A
 * sum is found by the file's real path and used only while the file keeps the size and
 * modification time it had when it was read ({@link FileDigest#matches}); otherwise the file is
 * read. Nothing outlives the call: other jobs, other threads, and back ends that prepare records
 * elsewhere read the files themselves.
 */
public final class DigestMemo {

  private static final ThreadLocal<Map<Path, FileDigest>> SCOPE = new ThreadLocal<>();

  private DigestMemo() {}

  /** A call that may throw {@code E}. */
  @FunctionalInterface
  public interface Call<T, E extends Exception> {
    T call() throws E;
  }

  /**
   * Runs {@code call} with {@code sums} (by path, as the reader named the files) known to the
   * records it prepares on this thread, then forgets them.
   */
  public static <T, E extends Exception> T with(Map<Path, FileDigest> sums, Call<T, E> call) throws E {
    Map<Path, FileDigest> outer = SCOPE.get();
    if (sums.isEmpty()) {
      return call.call();
    }
    Map<Path, FileDigest> known = outer == null ? new HashMap<>() : new HashMap<>(outer);
    sums.forEach((path, sum) -> {
      try {
        known.put(path.toRealPath(), sum);
      } catch (IOException | RuntimeException e) {
        // Gone or unreadable: the record says so itself.
      }
    });
    SCOPE.set(known);
    try {
      return call.call();
    } finally {
      if (outer == null) {
        SCOPE.remove();
      } else {
        SCOPE.set(outer);
      }
    }
  }

  /** The sum of {@code file} known on this thread, when it is unchanged since it was read. */
  static Optional<String> md5(Path file) {
    Map<Path, FileDigest> known = SCOPE.get();
    if (known == null) {
      return Optional.empty();
    }
    FileDigest d;
    try {
      d = known.get(file.toRealPath());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return d != null && d.matches(file) ? Optional.of(d.md5()) : Optional.empty();
  }
}
