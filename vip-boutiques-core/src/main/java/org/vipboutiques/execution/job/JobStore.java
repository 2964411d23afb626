package org.vipboutiques.execution.job;

import java.nio.file.Path;
import java.time.Instant;
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
 * Remembers submitted jobs in a small local file (one JSON object per line, a {@link RecordLog}:
 * appended, forced to disk and locked at each change, torn lines repaired, owner-only), so that an
 * application that restarts re-attaches to its jobs instead of losing or resubmitting them. Back
 * ends that keep jobs outside this process (Slurm) use it. Thread-safe, and safe to share between
 * processes.
 */
public final class JobStore {

  private static final RecordLog.Codec<StoredJob> CODEC = new RecordLog.Codec<>() {
    @Override
    public String key(StoredJob job) {
      return job.id();
    }

    @Override
    public String encode(StoredJob job) {
      return toJson(job).toJson();
    }

    @Override
    public StoredJob decode(String line) {
      try {
        return fromJson(JsonParser.withDefaults().parseObject(line, "job store"));
      } catch (JsonInputException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  };

  /**
   * Ended jobs remembered (the newest, by submission): enough to re-attach a whole sweep of
   * {@code Sweep.DEFAULT_MAX_JOBS} jobs; older ones are forgotten when the store is opened, so
   * that opening it (each executor, each command) costs the same after a year of jobs as after a
   * day. Jobs not known to have ended are never forgotten.
   */
  public static final int MAX_ENDED = 10_000;

  private final RecordLog<StoredJob> log;

  private JobStore(RecordLog<StoredJob> log) {
    this.log = log;
  }

  /**
   * Opens (or creates) the store at {@code file}; a file holding more than twice
   * {@value #MAX_ENDED} ended jobs, or mostly superseded lines, is compacted first.
   */
  public static JobStore open(Path file) {
    JobStore store = new JobStore(RecordLog.open(file, CODEC));
    List<StoredJob> all = store.log.all();
    long ended = all.stream().filter(j -> j.finalState().isPresent()).count();
    int lines = store.log.lines();
    if (ended > 2L * MAX_ENDED || lines > 1000 && lines > 3 * all.size()) {
      store.compact();
    }
    return store;
  }

  public Path file() {
    return log.file();
  }

  /** Records a submitted job. */
  public synchronized void record(StoredJob job) {
    log.append(List.of(job));
  }

  /** Records that a job ended. */
  public synchronized void markFinished(String id, JobState state) {
    log.get(id).filter(j -> j.finalState().isEmpty()).ifPresent(j -> log.append(List.of(j.finished(state))));
  }

  public Optional<StoredJob> find(String id) {
    return log.get(id);
  }

  /** Jobs not known to have ended, in submission order. */
  public List<StoredJob> unfinished() {
    return log.all().stream().filter(j -> j.finalState().isEmpty()).toList();
  }

  public List<StoredJob> all() {
    return log.all();
  }

  /**
   * Rewrites the file with one line per job (drops superseded lines, keeps other processes'
   * records) and forgets the ended jobs older than the newest {@value #MAX_ENDED}.
   */
  public void compact() {
    log.compact(all -> newestEnded(all, j -> j.finalState().isPresent(), MAX_ENDED));
  }

  /**
   * {@code all} without its ended records but the newest {@code keep} (the last in the list:
   * records are in submission order); records not ended are all kept, in their order.
   */
  public static <R> List<R> newestEnded(List<R> all, java.util.function.Predicate<R> ended, int keep) {
    long total = all.stream().filter(ended).count();
    long skip = Math.max(0, total - keep);
    List<R> out = new java.util.ArrayList<>(all.size());
    for (R r : all) {
      if (ended.test(r) && skip > 0) {
        skip--;
      } else {
        out.add(r);
      }
    }
    return out;
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
