package org.vipboutiques.provenance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The MD5 sums this process read lately, by the file's real path, each with the file's size and
 * modification time when it was read. The result cache remembers here the sums of the inputs it
 * reads for a key, so that the record of a miss, prepared by the back end behind the cache, does
 * not read the inputs again. A sum is used only while its file still has that size and
 * modification time ({@link FileDigest#matches}), as for the sums given to
 * {@link ProvenanceRecords#prepare(org.vipboutiques.execution.JobRequest, Path, Map)}; the least
 * recently used are forgotten past {@value #MAX_ENTRIES}.
 */
public final class DigestMemo {

  static final int MAX_ENTRIES = 16_384;

  private static final Map<Path, FileDigest> SUMS = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Path, FileDigest> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  private DigestMemo() {}

  /** Remembers the sum of {@code file}, read by the caller; a file whose real path cannot be found is not remembered. */
  public static void remember(Path file, FileDigest digest) {
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      return;
    }
    synchronized (SUMS) {
      SUMS.put(real, digest);
    }
  }

  /** The remembered sum of {@code file}, when its real path has one and the file is unchanged since. */
  static Optional<String> md5(Path file) {
    FileDigest d;
    try {
      Path real = file.toRealPath();
      synchronized (SUMS) {
        d = SUMS.get(real);
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return d != null && d.matches(file) ? Optional.of(d.md5()) : Optional.empty();
  }
}
