package org.vipboutiques.dirac.wrapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of local files, remembered by path, size and modification time: a reference file given to
 * thousands of jobs is read once, not once per job. Thread-safe.
 */
public final class ContentHashes {
  private record Key(Path path, long size, long modified) {}

  private final Map<Key, String> known = new ConcurrentHashMap<>();

  /** The hex SHA-256 and size of {@code file}. */
  public Hashed of(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    Key key = new Key(file, a.size(), a.lastModifiedTime().toMillis());
    String sha = known.get(key);
    if (sha == null) {
      sha = digest(file);
      known.put(key, sha);
    }
    return new Hashed(sha, a.size());
  }

  /** How many contents were hashed (tests: a refused input is not read). */
  int size() {
    return known.size();
  }

  /** A file's hex SHA-256 and its size in bytes. */
  public record Hashed(String sha256, long size) {}

  private static String digest(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return SandboxArchive.sha256(in);
    }
  }
}
