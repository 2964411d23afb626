package org.vipboutiques.dirac.store;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.job.JobStore;
import org.vipboutiques.execution.job.RecordLog;

/**
 * The grid jobs this client submitted, in a small local file (a {@link RecordLog} of one JSON
 * object per line, the last line of a key wins, shared with core's job store: appends in batches
 * forced to disk under a file lock, compaction under the same lock keeping other processes'
 * appends, torn lines repaired, bounded, owner-only, never through a link), so that a restarted
 * application re-attaches to its jobs instead of losing or resubmitting them. A submission is
 * recorded before it is sent (pending, by key) and again with its DIRAC id. Several processes may
 * share the store: a key or id is looked up in the file as it is now (what others appended read
 * first), and the changes to a recorded job ({@link #submitted}, {@link #finished},
 * {@link #abandoned}) are made to the record as the file holds it now, under the lock, so none
 * overwrites another process's.
 * Thread-safe.
 */
public final class DiracJobStore {

  private static final RecordLog.Codec<DiracJobRecord> CODEC = new RecordLog.Codec<>() {
    @Override
    public String key(DiracJobRecord r) {
      return r.key();
    }

    @Override
    public String encode(DiracJobRecord r) {
      return toJson(r);
    }

    @Override
    public DiracJobRecord decode(String line) {
      return fromJson(JsonParser.parseString(line).getAsJsonObject());
    }
  };

  private final RecordLog<DiracJobRecord> log;
  private final Map<Long, String> keyById = new HashMap<>();

  private DiracJobStore(RecordLog<DiracJobRecord> log) {
    this.log = log;
    index();
  }

  /** Ended jobs remembered beyond the unfinished ones: the newest {@link JobStore#MAX_ENDED}, as core's store. */
  private static final RecordLog.Retention<DiracJobRecord> RETENTION =
      new RecordLog.Retention<>(DiracJobRecord::isFinished, JobStore.MAX_ENDED);

  /**
   * Opens (or creates) the store, compacted as it grows by {@link RecordLog} (under its lock): a
   * file mostly made of superseded lines, or holding more than twice {@link JobStore#MAX_ENDED}
   * ended jobs, is compacted, when opened too, forgetting the older ended jobs.
   */
  public static DiracJobStore open(Path file) {
    return new DiracJobStore(RecordLog.open(file, CODEC, RecordLog.Limits.DEFAULT, RETENTION));
  }

  public Path file() {
    return log.file();
  }

  private synchronized void index() {
    keyById.clear();
    for (DiracJobRecord r : log.all()) {
      r.jobId().ifPresent(id -> keyById.put(id, r.key()));
    }
  }

  /** Records one job as it is (a new submission). */
  public void record(DiracJobRecord record) {
    recordAll(List.of(record));
  }

  /** Records jobs as they are (new submissions) with one write. */
  public synchronized void recordAll(Collection<DiracJobRecord> records) {
    log.append(records);
    for (DiracJobRecord r : records) {
      r.jobId().ifPresent(id -> keyById.put(id, r.key()));
    }
  }

  /**
   * Records the DIRAC ids of submissions (key to id), on their records as the file holds them
   * now; one not in the store is recorded as {@code fallback} gives it. A record that has an id
   * already is left as it is; one without is made unfinished again, whatever the file says: another
   * process may have given the submission up as never sent, but DIRAC has it.
   *
   * @return the records written
   */
  public synchronized List<DiracJobRecord> submitted(Map<String, Long> ids, Function<String, DiracJobRecord> fallback) {
    List<DiracJobRecord> written = new ArrayList<>(log.update(ids.keySet(), r -> r.jobId().isPresent()
        ? Optional.empty()
        : Optional.of(new DiracJobRecord(r.key(), Optional.of(ids.get(r.key())), r.folder(), r.transport(),
            r.fingerprint(), r.submittedAt(), Optional.empty()))));
    Set<String> done = new HashSet<>();
    written.forEach(r -> done.add(r.key()));
    List<DiracJobRecord> missing = new ArrayList<>();
    for (Map.Entry<String, Long> e : ids.entrySet()) {
      if (!done.contains(e.getKey()) && log.get(e.getKey()).isEmpty()) {
        missing.add(fallback.apply(e.getKey()).submitted(e.getValue()));
      }
    }
    log.append(missing);
    written.addAll(missing);
    for (DiracJobRecord r : written) {
      r.jobId().ifPresent(id -> keyById.put(id, r.key()));
    }
    return written;
  }

  /**
   * Records that jobs ended (key to state), unless the file says they already did (the first end
   * recorded stays, whichever process recorded it).
   */
  public synchronized List<DiracJobRecord> finished(Map<String, JobState> states) {
    return log.update(states.keySet(), r -> r.isFinished() ? Optional.empty() : Optional.of(r.finished(states.get(r.key()))));
  }

  /**
   * Marks FAILED submissions that an earlier run left without a DIRAC id and that DIRAC does not
   * know: only those still without an id in the file now (another process may be submitting them).
   */
  public synchronized List<DiracJobRecord> abandoned(Collection<String> keys) {
    return log.update(keys, r -> r.jobId().isEmpty() && !r.isFinished() ? Optional.of(r.finished(JobState.FAILED))
        : Optional.empty());
  }

  /** The job of a key as the file says now (recorded or changed by another process, too). */
  public Optional<DiracJobRecord> byKey(String key) {
    return log.get(key);
  }

  /** The job of a DIRAC id, looked for again in the file when this process does not know it. */
  public synchronized Optional<DiracJobRecord> byId(long id) {
    String key = keyById.get(id);
    if (key == null) {
      index();
      key = keyById.get(id);
    }
    return key == null ? Optional.empty() : log.get(key);
  }

  /** Jobs not known to have ended, in submission order. */
  public List<DiracJobRecord> unfinished() {
    return log.all().stream().filter(r -> !r.isFinished()).toList();
  }

  public List<DiracJobRecord> all() {
    return log.all();
  }

  /**
   * Rewrites the file with one line per job (other processes' records kept), forgetting the ended
   * jobs older than the newest {@link JobStore#MAX_ENDED}: opening the store costs the same after
   * a year of grid jobs as after a day.
   */
  public synchronized void compact() {
    log.compact();
    index();
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
