package org.vipboutiques.execution.job;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
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
 * appended, forced to disk and locked at each change, torn lines repaired, bounded, owner-only,
 * never through a link), so that an application that restarts re-attaches to its jobs instead of
 * losing or resubmitting them. Back ends that keep jobs outside this process (Slurm) use it.
 * Thread-safe, and shared between processes: a job another process recorded is found
 * ({@link #find} reads what other processes appended first), and a job's end is recorded
 * against the file as it is now, so two processes never overwrite each other's records.
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
   * {@code Sweep.DEFAULT_MAX_JOBS} jobs; older ones are forgotten when the store is compacted (under
   * its lock, once it holds more than twice as many: when opened, or as jobs are recorded), so
   * that opening it (each executor, each command) costs the same after a year of jobs as after a
   * day. Jobs not known to have ended are never forgotten.
   */
  public static final int MAX_ENDED = 10_000;

  private static final RecordLog.Retention<StoredJob> RETENTION =
      new RecordLog.Retention<>(j -> j.finalState().isPresent(), MAX_ENDED);

  private final RecordLog<StoredJob> log;

  private JobStore(RecordLog<StoredJob> log) {
    this.log = log;
  }

  /**
   * Opens (or creates) the store at {@code file}, within {@link RecordLog.Limits#DEFAULT}; a file
   * holding more than twice {@value #MAX_ENDED} ended jobs, or mostly superseded lines, is
   * compacted first.
   */
  public static JobStore open(Path file) {
    return open(file, RecordLog.Limits.DEFAULT);
  }

  /** Opens (or creates) the store at {@code file}, read and grown within {@code limits}. */
  public static JobStore open(Path file, RecordLog.Limits limits) {
    return new JobStore(RecordLog.open(file, CODEC, limits, RETENTION));
  }

  public Path file() {
    return log.file();
  }

  /** Records a submitted job. */
  public void record(StoredJob job) {
    log.append(List.of(job));
  }

  /** Records submitted jobs with one write (a job array's tasks, say). */
  public void recordAll(Collection<StoredJob> jobs) {
    log.append(jobs);
  }

  /**
   * Records that a job ended, unless the store (as the file says now, whoever wrote it) already
   * knows it ended: the first end recorded stays.
   */
  public void markFinished(String id, JobState state) {
    log.update(List.of(id), j -> j.finalState().isEmpty() ? Optional.of(j.finished(state)) : Optional.empty());
  }

  /** The job of {@code id} as the file says now (recorded or changed by another process, too). */
  public Optional<StoredJob> find(String id) {
    return log.get(id);
  }

  /** Jobs not known to have ended, in submission order (those other processes recorded included). */
  public List<StoredJob> unfinished() {
    return log.all().stream().filter(j -> j.finalState().isEmpty()).toList();
  }

  /** Every job, as the file says now. */
  public List<StoredJob> all() {
    return log.all();
  }

  /**
   * Rewrites the file with one line per job (drops superseded lines, keeps other processes'
   * records) and forgets the ended jobs older than the newest {@value #MAX_ENDED}.
   */
  public void compact() {
    log.compact();
  }

  /**
   * {@code all} without its ended records but the newest {@code keep} (the last in the list:
   * records are in submission order); records not ended are all kept, in their order.
   */
  public static <R> List<R> newestEnded(List<R> all, java.util.function.Predicate<R> ended, int keep) {
    return new RecordLog.Retention<R>(ended, keep).apply(all);
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
