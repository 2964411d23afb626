package org.vipboutiques.dirac.store;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.job.JobStore;
import org.vipboutiques.execution.job.RecordLog;

/**
 * The grid jobs this client submitted, in a small local file (a {@link RecordLog} of one JSON
 * object per line, the last line of a key wins, shared with core's job store: appends in batches
 * forced to disk under a file lock, compaction under the same lock keeping other processes'
 * appends, torn lines repaired, owner-only), so that a restarted application re-attaches to its
 * jobs instead of losing or resubmitting them. A submission is recorded before it is sent
 * (pending, by key) and again with its DIRAC id. Thread-safe.
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

  /**
   * Opens (or creates) the store; a file mostly made of superseded lines, or holding more than
   * twice {@link JobStore#MAX_ENDED} ended jobs, is compacted.
   */
  public static DiracJobStore open(Path file) {
    DiracJobStore store = new DiracJobStore(RecordLog.open(file, CODEC));
    List<DiracJobRecord> all = store.log.all();
    int records = all.size();
    long ended = all.stream().filter(DiracJobRecord::isFinished).count();
    if (store.log.lines() > 1000 && store.log.lines() > 3 * records || ended > 2L * JobStore.MAX_ENDED) {
      store.compact();
    }
    return store;
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

  /** Records one change. */
  public void record(DiracJobRecord record) {
    recordAll(List.of(record));
  }

  /** Records many changes with one write. */
  public synchronized void recordAll(Collection<DiracJobRecord> records) {
    log.append(records);
    for (DiracJobRecord r : records) {
      r.jobId().ifPresent(id -> keyById.put(id, r.key()));
    }
  }

  public Optional<DiracJobRecord> byKey(String key) {
    return log.get(key);
  }

  public synchronized Optional<DiracJobRecord> byId(long id) {
    String key = keyById.get(id);
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
    log.compact(all -> JobStore.newestEnded(all, DiracJobRecord::isFinished, JobStore.MAX_ENDED));
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
