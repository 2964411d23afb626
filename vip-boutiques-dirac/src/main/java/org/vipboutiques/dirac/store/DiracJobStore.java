package org.vipboutiques.dirac.store;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vipboutiques.execution.JobState;

/**
 * The grid jobs this client submitted, in a small local file (one JSON object per line, the last
 * line of a key wins), so that a restarted application re-attaches to its jobs instead of losing
 * or resubmitting them. A submission is recorded before it is sent (pending, by key) and again
 * with its DIRAC id; changes are appended in batches, each written and forced to disk at once
 * under a file lock (other processes using the same store see whole lines). A torn last line is
 * ignored. Thread-safe.
 */
public final class DiracJobStore {

  private final Path file;
  private final Map<String, DiracJobRecord> byKey = new LinkedHashMap<>();
  private final Map<Long, String> keyById = new HashMap<>();
  private int lines;

  private DiracJobStore(Path file) {
    this.file = file;
  }

  /** Opens (or creates) the store; a file mostly made of superseded lines is compacted. */
  public static DiracJobStore open(Path file) {
    DiracJobStore store = new DiracJobStore(file.toAbsolutePath().normalize());
    store.load();
    if (store.lines > 1000 && store.lines > 3 * store.byKey.size()) {
      store.compact();
    }
    return store;
  }

  public Path file() {
    return file;
  }

  private synchronized void load() {
    if (!Files.exists(file)) {
      return;
    }
    List<String> all;
    try {
      all = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the DIRAC job store " + file + ": " + e.getMessage(), e);
    }
    for (String line : all) {
      if (line.isBlank()) {
        continue;
      }
      lines++;
      try {
        put(fromJson(JsonParser.parseString(line).getAsJsonObject()));
      } catch (RuntimeException e) {
        // a torn write: skip it
      }
    }
  }

  private void put(DiracJobRecord r) {
    byKey.put(r.key(), r);
    r.jobId().ifPresent(id -> keyById.put(id, r.key()));
  }

  /** Records one change. */
  public void record(DiracJobRecord record) {
    recordAll(List.of(record));
  }

  /** Records many changes with one write. */
  public synchronized void recordAll(Collection<DiracJobRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder(records.size() * 200);
    for (DiracJobRecord r : records) {
      put(r);
      sb.append(toJson(r)).append('\n');
    }
    append(sb.toString());
    lines += records.size();
  }

  public synchronized Optional<DiracJobRecord> byKey(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  public synchronized Optional<DiracJobRecord> byId(long id) {
    String key = keyById.get(id);
    return key == null ? Optional.empty() : Optional.ofNullable(byKey.get(key));
  }

  /** Jobs not known to have ended, in submission order. */
  public synchronized List<DiracJobRecord> unfinished() {
    List<DiracJobRecord> out = new ArrayList<>();
    for (DiracJobRecord r : byKey.values()) {
      if (!r.isFinished()) {
        out.add(r);
      }
    }
    return out;
  }

  public synchronized List<DiracJobRecord> all() {
    return List.copyOf(byKey.values());
  }

  /** Rewrites the file with one line per job. */
  public synchronized void compact() {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      StringBuilder sb = new StringBuilder();
      for (DiracJobRecord r : byKey.values()) {
        sb.append(toJson(r)).append('\n');
      }
      Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      lines = byKey.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite the DIRAC job store " + file + ": " + e.getMessage(), e);
    }
  }

  private void append(String text) {
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND); FileLock lock = ch.lock()) {
        String prefix = "";
        long size = ch.size();
        if (size > 0) {
          // A torn last line (a crash mid-write) must not swallow the next record.
          ByteBuffer last = ByteBuffer.allocate(1);
          try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            reader.read(last, size - 1);
          }
          if (last.get(0) != '\n') {
            prefix = "\n";
          }
        }
        ByteBuffer buf = ByteBuffer.wrap((prefix + text).getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the DIRAC job store " + file + ": " + e.getMessage()
          + " (check the folder's permissions and free space, or set the store setting elsewhere)", e);
    }
  }

  private static String toJson(DiracJobRecord r) {
    JsonObject o = new JsonObject();
    o.addProperty("key", r.key());
    r.jobId().ifPresent(id -> o.addProperty("id", id));
    o.addProperty("folder", r.folder().toString());
    o.addProperty("transport", r.transport());
    o.addProperty("fingerprint", r.fingerprint());
    o.addProperty("submitted", r.submittedAt().toString());
    r.finalState().ifPresent(s -> o.addProperty("final", s.name()));
    return o.toString();
  }

  private static DiracJobRecord fromJson(JsonObject o) {
    return new DiracJobRecord(o.get("key").getAsString(),
        o.has("id") ? Optional.of(o.get("id").getAsLong()) : Optional.empty(),
        Path.of(o.get("folder").getAsString()), o.get("transport").getAsString(),
        o.has("fingerprint") ? o.get("fingerprint").getAsString() : "",
        Instant.parse(o.get("submitted").getAsString()),
        o.has("final") ? Optional.of(JobState.valueOf(o.get("final").getAsString())) : Optional.empty());
  }
}
