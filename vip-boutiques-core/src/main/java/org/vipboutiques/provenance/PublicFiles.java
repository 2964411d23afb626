package org.vipboutiques.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/**
 * The reference's "public file" of a path ({@code LocalExecutor._buildPublicFile}): a file is its
 * name and MD5 sum, a folder its name and its entries, recursively, a path that is not there its
 * name and {@code not_found}. Files are read as streams, never whole; a walk stops at
 * {@value #MAX_ENTRIES} entries or {@value #MAX_DEPTH} levels, and never enters a folder it is
 * already in (a link to a parent), so a huge or looping tree costs a bounded record.
 */
final class PublicFiles {

  static final int MAX_ENTRIES = 100_000;
  static final int MAX_DEPTH = 64;
  private static final int BUFFER = 64 * 1024;

  private int entries;
  private int skipped;
  private final byte[] buffer = new byte[BUFFER];
  private final Map<Path, FileDigest> known;

  PublicFiles() {
    this(Map.of());
  }

  /** Files whose sums are in {@code known} (by absolute, normalized path) are not read again while unchanged. */
  PublicFiles(Map<Path, FileDigest> known) {
    this.known = known;
  }

  /** Entries left out because a bound was reached (0 when the record is whole). */
  int skipped() {
    return skipped;
  }

  /** The public file of {@code path}, named as the reference names it: what follows the last '/' of {@code given}. */
  JsonObject of(Path path, String given) {
    return build(path, baseName(given), 0, new HashSet<>());
  }

  /** Python's {@code os.path.basename}: what follows the last '/'. */
  static String baseName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  private JsonObject build(Path path, String name, int depth, Set<Path> open) {
    Map<String, JsonValue> out = new LinkedHashMap<>();
    out.put("file-name", JsonString.of(name));
    entries++;
    if (!Files.exists(path)) {
      out.put("not_found", JsonBoolean.TRUE);
      return new JsonObject(out);
    }
    if (Files.isDirectory(path)) {
      Path real;
      try {
        real = path.toRealPath();
      } catch (IOException e) {
        out.put("error", JsonString.of("cannot resolve: " + e.getMessage()));
        return new JsonObject(out);
      }
      List<JsonValue> files = new ArrayList<>();
      if (depth >= MAX_DEPTH || !open.add(real)) {
        skipped++;
      } else {
        try (Stream<Path> children = Files.list(path)) {
          for (Path child : (Iterable<Path>) children.sorted()::iterator) {
            if (entries >= MAX_ENTRIES) {
              skipped++;
              continue;
            }
            files.add(build(child, child.getFileName().toString(), depth + 1, open));
          }
        } catch (IOException | java.io.UncheckedIOException e) {
          out.put("error", JsonString.of("cannot list: " + e.getMessage()));
        } finally {
          open.remove(real);
        }
      }
      out.put("files", new JsonArray(files));
      return new JsonObject(out);
    }
    if (!Files.isRegularFile(path)) {
      // A pipe or a device would block the reader or never end.
      out.put("error", JsonString.of("not a regular file"));
      return new JsonObject(out);
    }
    try {
      FileDigest k = known.get(path.toAbsolutePath().normalize());
      Optional<String> sum = k != null && k.matches(path) ? Optional.of(k.md5()) : DigestMemo.md5(path);
      out.put("md5sum", JsonString.of(sum.isPresent() ? sum.get() : md5(path)));
    } catch (IOException e) {
      out.put("error", JsonString.of("cannot read: " + e.getMessage()));
    }
    return new JsonObject(out);
  }

  /** The MD5 sum of a file, in lower-case hex, read in blocks. */
  String md5(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
    }
    return java.util.HexFormat.of().formatHex(md.digest());
  }
}
