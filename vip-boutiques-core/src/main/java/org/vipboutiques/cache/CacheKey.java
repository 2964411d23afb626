package org.vipboutiques.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.vipboutiques.descriptor.Input;
import org.vipboutiques.descriptor.InputType;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.JsonWriter;
import org.vipboutiques.json.PythonView;
import org.vipboutiques.provenance.FileDigest;

/**
 * A job's cache key: SHA-256 over what decides its result, each part length-prefixed so that no
 * two different jobs write the same bytes. The parts: the descriptor and the invocation (after
 * defaults) as canonical JSON (keys sorted, numbers as written), whether the container is used,
 * the image digest the request names and the image identity the executor gives ({@link ImageIdentity}), the request's environment, and for every File input its
 * value and its content (streamed; a folder recursively, by sorted names, links followed as the
 * tool follows them). Not the executor, the job folder, the timeout or back-end options: they
 * do not change what a successful run produces.
 */
final class CacheKey {

  /** Bumped when the key's layout changes, so that old entries miss rather than collide. */
  private static final String VERSION = "vipb-result-cache-1";

  private static final int MAX_DEPTH = 256;

  private final MessageDigest digest = sha256();
  private final ResultCache cache;
  /** Also the MD5 of each file, in the same pass, for the provenance record; when it is written. */
  private final boolean md5s;
  private final Map<Path, FileDigest> digests = new LinkedHashMap<>();
  private long files;
  private long bytes;

  private CacheKey(ResultCache cache, boolean md5s) {
    this.cache = cache;
    this.md5s = md5s;
  }

  /**
   * A key and the MD5 sums of the File inputs read for it (by absolute normalized path; empty when
   * the request collects no data), so that the job's record does not read them again.
   */
  record Keyed(String key, Map<Path, FileDigest> inputDigests) {}

  /**
   * The key of {@code request}, 64 hex digits.
   *
   * @throws JobRejectedException when the File inputs exceed the cache's bounds
   * @throws NotCacheableException when the job has inputs the key cannot cover (mounts, special files)
   */
  static Keyed of(JobRequest request, ResultCache cache, Optional<String> imageIdentity)
      throws JobRejectedException, NotCacheableException {
    if (!request.mounts().isEmpty()) {
      throw new NotCacheableException("its mounts' content is not part of a key");
    }
    CacheKey k = new CacheKey(cache, request.dataCollection().enabled());
    k.part(VERSION);
    k.part("descriptor");
    k.part(canonical(request.descriptor().toJson()));
    k.part("invocation");
    k.part(canonical(request.invocation().toJson()));
    k.part("container");
    k.part(request.useContainer() && request.descriptor().containerImage().isPresent() ? "yes" : "no");
    k.part(request.option(ResultCache.IMAGE_DIGEST_OPTION).orElse(""));
    k.part(imageIdentity.orElse(""));
    k.part("environment");
    for (Map.Entry<String, String> e : new TreeMap<>(request.environment()).entrySet()) {
      k.part(e.getKey());
      k.part(e.getValue());
    }
    Path from = request.inputDirectory().orElse(Path.of("")).toAbsolutePath().normalize();
    for (Input in : request.descriptor().inputs()) {
      if (in.type() != InputType.FILE || request.invocation().get(in.id()).isEmpty()) {
        continue;
      }
      k.part("file-input");
      k.part(in.id());
      for (String value : values(request.invocation().get(in.id()).get())) {
        k.part(value);
        Path p = Path.of(value);
        Path source = p.isAbsolute() ? p : from.resolve(p).normalize();
        if (!Files.exists(source) && !p.isAbsolute() && request.workDirectory().isPresent()) {
          source = request.workDirectory().get().toAbsolutePath().normalize().resolve(p);
        }
        k.content(source, in.id(), 0);
      }
    }
    return new Keyed(HexFormat.of().formatHex(k.digest.digest()), Map.copyOf(k.digests));
  }

  private static List<String> values(JsonValue v) {
    List<String> out = new ArrayList<>();
    if (v instanceof JsonArray a) {
      a.items().forEach(item -> out.add(PythonView.str(item)));
    } else {
      out.add(PythonView.str(v));
    }
    return out;
  }

  /** The content of what {@code path} names, as the tool would read it. */
  private void content(Path path, String inputId, int depth) throws JobRejectedException, NotCacheableException {
    if (depth > MAX_DEPTH) {
      throw new JobRejectedException("result cache: the folder given to input \"" + inputId + "\" is nested more than "
          + MAX_DEPTH + " levels deep at " + path + "; run this job without the cache");
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      part("missing"); // the tool will fail on it, and a failure is never stored
      return;
    }
    if (attributes.isRegularFile()) {
      countFile(attributes.size(), path, inputId);
      part("file");
      hashFile(path, inputId, attributes);
    } else if (attributes.isDirectory()) {
      part("folder");
      List<Path> children;
      try (Stream<Path> list = Files.list(path)) {
        children = list.sorted().toList();
      } catch (IOException e) {
        throw new JobRejectedException("result cache: cannot list the folder " + path + " given to input \"" + inputId
            + "\": " + e.getMessage() + "; make it readable or run without the cache", e);
      }
      for (Path child : children) {
        if (Files.isSymbolicLink(child) && isAncestorOf(child, path)) {
          throw new JobRejectedException("result cache: the link " + child + " in the folder given to input \""
              + inputId + "\" leads back to a folder above it; remove the loop or run without the cache");
        }
        part(child.getFileName().toString());
        content(child, inputId, depth + 1);
      }
      part("end-folder");
    } else {
      throw new NotCacheableException("input \"" + inputId + "\" is neither a file nor a folder: " + path);
    }
  }

  private static boolean isAncestorOf(Path link, Path folder) {
    try {
      return folder.toRealPath().startsWith(link.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  private void countFile(long size, Path path, String inputId) throws JobRejectedException {
    files++;
    bytes += size;
    if (files > cache.maxInputFiles()) {
      throw new JobRejectedException("result cache: the File inputs hold more than " + cache.maxInputFiles()
          + " files (input \"" + inputId + "\", at " + path + "); raise the limit (ResultCache.withLimits) or run"
          + " without the cache");
    }
    if (bytes > cache.maxInputBytes()) {
      throw new JobRejectedException("result cache: the File inputs hold more than " + cache.maxInputBytes()
          + " bytes (input \"" + inputId + "\", at " + path + "); raise the limit (ResultCache.withLimits) or run"
          + " without the cache");
    }
  }

  private void hashFile(Path path, String inputId, BasicFileAttributes before) throws JobRejectedException {
    MessageDigest file = sha256();
    MessageDigest md5 = md5s ? md5() : null;
    byte[] buffer = new byte[1 << 16];
    long read = 0;
    try (InputStream in = Files.newInputStream(path)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        file.update(buffer, 0, n);
        if (md5 != null) {
          md5.update(buffer, 0, n);
        }
        read += n;
        if (read > cache.maxInputBytes()) {
          throw new JobRejectedException("result cache: the file " + path + " given to input \"" + inputId
              + "\" grew past " + cache.maxInputBytes() + " bytes while it was read; run without the cache");
        }
      }
    } catch (IOException e) {
      throw new JobRejectedException("result cache: cannot read the file " + path + " given to input \"" + inputId
          + "\": " + e.getMessage() + "; make it readable or run without the cache", e);
    }
    part(Long.toString(read));
    digest.update(file.digest());
    if (md5 != null && read == before.size()) {
      digests.put(path.toAbsolutePath().normalize(), FileDigest.of(HexFormat.of().formatHex(md5.digest()), before));
    }
  }

  private void part(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    digest.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8),
        (byte) b.length});
    digest.update(b);
  }

  /** JSON with every object's keys sorted, no whitespace: the same content gives the same text. */
  static String canonical(JsonValue value) {
    return JsonWriter.compact().write(sorted(value));
  }

  private static JsonValue sorted(JsonValue value) {
    if (value instanceof JsonObject o) {
      Map<String, JsonValue> m = new TreeMap<>();
      o.members().forEach((k, v) -> m.put(k, sorted(v)));
      return new JsonObject(new java.util.LinkedHashMap<>(m));
    }
    if (value instanceof JsonArray a) {
      return new JsonArray(a.items().stream().map(CacheKey::sorted).toList());
    }
    return value;
  }

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has MD5", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
