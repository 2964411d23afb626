package org.vipboutiques.execution.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.json.JsonInputException;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/**
 * Remembers submitted jobs in a small local file (one JSON object per line, appended and
 * flushed at each change), so that an application that restarts re-attaches to its jobs instead
 * of losing or resubmitting them. Back ends that keep jobs outside this process (Slurm, DIRAC)
 * use it. A torn last line (a crash while writing) is ignored. Thread-safe within a process.
 */
public final class JobStore {

  private final Path file;
  private final Map<String, StoredJob> jobs = new LinkedHashMap<>();

  private JobStore(Path file) {
    this.file = file;
  }

  /** Opens (or creates) the store at {@code file}. */
  public static JobStore open(Path file) {
    JobStore store = new JobStore(file.toAbsolutePath().normalize());
    store.load();
    return store;
  }

  public Path file() {
    return file;
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the job store " + file, e);
    }
    JsonParser parser = JsonParser.withDefaults();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonObject o = parser.parseObject(line, file.toString());
        StoredJob job = fromJson(o);
        jobs.put(job.id(), job);
      } catch (JsonInputException | RuntimeException e) {
        // a torn write: skip it
      }
    }
  }

  /** Records a submitted job. */
  public synchronized void record(StoredJob job) {
    jobs.put(job.id(), job);
    append(job);
  }

  /** Records that a job ended. */
  public synchronized void markFinished(String id, JobState state) {
    StoredJob job = jobs.get(id);
    if (job != null && job.finalState().isEmpty()) {
      StoredJob done = job.finished(state);
      jobs.put(id, done);
      append(done);
    }
  }

  public synchronized Optional<StoredJob> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  /** Jobs not known to have ended, in submission order. */
  public synchronized List<StoredJob> unfinished() {
    List<StoredJob> out = new ArrayList<>();
    for (StoredJob j : jobs.values()) {
      if (j.finalState().isEmpty()) {
        out.add(j);
      }
    }
    return out;
  }

  public synchronized List<StoredJob> all() {
    return List.copyOf(jobs.values());
  }

  /** Rewrites the file with one line per job (drops superseded lines). */
  public synchronized void compact() {
    try {
      OwnerOnly.createFolders(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      StringBuilder sb = new StringBuilder();
      for (StoredJob j : jobs.values()) {
        sb.append(toJson(j).toJson()).append('\n');
      }
      OwnerOnly.write(tmp, sb.toString());
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite the job store " + file, e);
    }
  }

  private void append(StoredJob job) {
    try {
      OwnerOnly.createFolders(file.getParent());
      OwnerOnly.append(file, toJson(job).toJson() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the job store " + file, e);
    }
  }

  private static JsonObject toJson(StoredJob j) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("id", new JsonString(j.id()));
    m.put("folder", new JsonString(j.folder().toString()));
    m.put("submitted", new JsonString(j.submittedAt().toString()));
    Map<String, JsonValue> attrs = new LinkedHashMap<>();
    j.attributes().forEach((k, v) -> attrs.put(k, new JsonString(v)));
    m.put("attributes", new JsonObject(attrs));
    j.finalState().ifPresent(s -> m.put("final", new JsonString(s.name())));
    return new JsonObject(m);
  }

  private static StoredJob fromJson(JsonObject o) {
    Map<String, String> attrs = new LinkedHashMap<>();
    o.object("attributes").ifPresent(a -> a.members().forEach((k, v) -> attrs.put(k, ((JsonString) v).value())));
    return new StoredJob(o.string("id").orElseThrow(), Path.of(o.string("folder").orElseThrow()),
        Instant.parse(o.string("submitted").orElseThrow()), attrs,
        o.string("final").map(JobState::valueOf));
  }
}
