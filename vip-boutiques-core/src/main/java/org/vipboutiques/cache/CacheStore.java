package org.vipboutiques.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.MissingOutput;
import org.vipboutiques.execution.job.OwnerOnly;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonNull;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.JsonWriter;
import org.vipboutiques.provenance.FileDigest;

/**
 * The cache folder: {@code entries/KEY/} (an {@code entry.json}, whose modification time is the
 * entry's last use, the logs, the outputs under {@code files/} at their paths in the job folder,
 * and {@code size}, the entry's bytes), {@code tmp/} (entries being written, renamed into place
 * whole, and entries being evicted) and {@code locks/KEY.lock} (held while a job of that key runs
 * or is answered; {@code locks/evict.lock} while a process evicts).
 */
final class CacheStore {

  private static final Logger LOG = LoggerFactory.getLogger(CacheStore.class);

  static final String ENTRY = "entry.json";
  static final String STDOUT = "stdout.log";
  static final String STDERR = "stderr.log";
  static final String FILES = "files";
  static final String SIZE = "size";
  /** A folder left in {@code tmp/} this long is a crashed process's: eviction deletes it. */
  private static final java.time.Duration STALE_TMP = java.time.Duration.ofDays(1);

  /**
   * One permit per key and cache folder, in this process (file locks are per process), there only
   * while some thread holds or waits for it: a process that runs a million jobs keeps no million
   * permits.
   */
  private static final Map<String, Permit> LOCAL = new ConcurrentHashMap<>();

  /** A key's permit and how many threads hold or wait for it (changed only inside LOCAL.compute). */
  private static final class Permit {
    final Semaphore semaphore = new Semaphore(1);
    int users;
  }

  /**
   * The last eviction pass that read every entry: when, the bytes and entries it left, the
   * oldest last use among them, and the stores since, counted by the passes that read nothing.
   */
  private record Scan(Instant at, long total, long entries, Instant oldestUse, long storesSince) {}

  /** A full pass after at least this many stores without one... */
  private static final long MIN_STORES_BETWEEN_SCANS = 16;
  /** ...or after a sixteenth of the entries were stored (a full pass costs each store about 16 entries read)... */
  private static final long ENTRIES_PER_STORE = 16;
  /** ...or this long after the last: what other processes stored unseen (they skip a busy pass) is counted again. */
  private static final java.time.Duration MAX_SCAN_AGE = java.time.Duration.ofMinutes(10);
  static final String SCAN = "evict.scan";

  /** Entries read by this process's last eviction pass (for tests: a pass after a store reads none while it may). */
  static volatile long lastPassEntriesRead;

  private final ResultCache cache;

  CacheStore(ResultCache cache) {
    this.cache = cache;
  }

  ResultCache cache() {
    return cache;
  }

  /** A stored run, checked whole: every file it lists is there with its size. */
  record Entry(Path folder, Optional<String> containerCommand, String commandLine, Map<String, List<String>> outputs,
      List<MissingOutput> missing, List<String> files, List<String> folders, Map<String, String> md5s) {}

  /** A hit's outputs in the job folder, by id, and the MD5 sums of the files copied there (from the entry). */
  record Materialized(Map<String, List<Path>> outputs, Map<Path, FileDigest> digests) {}

  // ---- locks

  /** The lock of a key: this process's permit, then the file lock other processes see. */
  final class KeyLock implements AutoCloseable {
    private final String permitKey;
    private final Semaphore permit;
    private FileChannel channel;
    private FileLock fileLock;
    private boolean released;

    private KeyLock(String permitKey, Semaphore permit) {
      this.permitKey = permitKey;
      this.permit = permit;
    }

    @Override
    public synchronized void close() {
      if (released) {
        return;
      }
      released = true;
      try {
        if (fileLock != null) {
          fileLock.release();
        }
        if (channel != null) {
          channel.close();
        }
      } catch (IOException e) {
        LOG.debug("cannot release a cache lock: {}", e.toString());
      } finally {
        permit.release();
        unuse(permitKey);
      }
    }
  }

  /** The key's lock if no one holds it, else empty. */
  Optional<KeyLock> tryLock(String key) throws IOException {
    String permitKey = permitKey(key);
    Semaphore permit = use(permitKey);
    if (!permit.tryAcquire()) {
      unuse(permitKey);
      return Optional.empty();
    }
    KeyLock lock = new KeyLock(permitKey, permit);
    try {
      lock.channel = openLockFile(key);
      lock.fileLock = lock.channel.tryLock();
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e instanceof IOException io ? io : new IOException(e.toString(), e);
    }
    if (lock.fileLock == null) {
      lock.close();
      return Optional.empty();
    }
    return Optional.of(lock);
  }

  /** The key's lock, waiting for whoever holds it (in this process or another). */
  KeyLock lock(String key) throws IOException, InterruptedException {
    String permitKey = permitKey(key);
    Semaphore permit = use(permitKey);
    try {
      permit.acquire();
    } catch (InterruptedException e) {
      unuse(permitKey);
      throw e;
    }
    KeyLock lock = new KeyLock(permitKey, permit);
    try {
      lock.channel = openLockFile(key);
      lock.fileLock = lock.channel.lock();
      return lock;
    } catch (IOException | RuntimeException e) {
      lock.close();
      if (Thread.interrupted()) {
        throw new InterruptedException("cancelled while waiting for the cache lock");
      }
      throw e instanceof IOException io ? io : new IOException(e.toString(), e);
    }
  }

  private String permitKey(String key) {
    return cache.folder() + "/" + key;
  }

  private static Semaphore use(String permitKey) {
    return LOCAL.compute(permitKey, (k, p) -> {
      Permit permit = p == null ? new Permit() : p;
      permit.users++;
      return permit;
    }).semaphore;
  }

  private static void unuse(String permitKey) {
    LOCAL.computeIfPresent(permitKey, (k, p) -> --p.users == 0 ? null : p);
  }

  /** Keys whose permit this process holds now (for tests). */
  static int permitsHeld() {
    return LOCAL.size();
  }

  private FileChannel openLockFile(String key) throws IOException {
    Path locks = OwnerOnly.createFolders(cache.folder().resolve("locks"));
    Path file = locks.resolve(key + ".lock");
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    return posix(file) ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------"))) : FileChannel.open(file, options);
  }

  // ---- lookup

  /** The stored run of {@code key}, if one is there whole; a damaged one is a miss (logged). */
  Optional<Entry> lookup(String key) {
    Path folder = cache.folder().resolve("entries").resolve(key);
    Path json = folder.resolve(ENTRY);
    if (!Files.isRegularFile(json, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      JsonObject o = JsonParser.withDefaults().parseObject(json);
      Map<String, List<String>> outputs = new LinkedHashMap<>();
      for (Map.Entry<String, JsonValue> e : o.object("outputs").orElseThrow().members().entrySet()) {
        outputs.put(e.getKey(), strings(e.getValue()));
      }
      List<MissingOutput> missing = new ArrayList<>();
      for (JsonValue v : o.array("missing").orElseThrow().items()) {
        JsonObject m = (JsonObject) v;
        missing.add(new MissingOutput(m.string("id").orElseThrow(), m.string("path").orElseThrow(),
            m.bool("optional").orElseThrow()));
      }
      List<String> files = new ArrayList<>();
      Map<String, String> md5s = new HashMap<>();
      for (JsonValue v : o.array("files").orElseThrow().items()) {
        JsonObject f = (JsonObject) v;
        String path = f.string("path").orElseThrow();
        long size = f.number("size").orElseThrow().bigIntegerValue().longValueExact();
        Path stored = inside(folder.resolve(FILES), path);
        if (!Files.isRegularFile(stored, LinkOption.NOFOLLOW_LINKS) || Files.size(stored) != size) {
          LOG.info("cache entry {} is damaged ({} is missing or changed): a miss", key, path);
          return Optional.empty();
        }
        // The sum stored with the file stands for it only while the stored file is untouched.
        Optional<JsonNumber> modified = f.number("modified-ns");
        if (modified.isPresent() && Files.getLastModifiedTime(stored, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS)
            != modified.get().bigIntegerValue().longValueExact()) {
          LOG.info("cache entry {} is damaged ({} was changed after it was stored): a miss", key, path);
          return Optional.empty();
        }
        Optional<String> md5 = f.string("md5");
        if (md5.isPresent() && modified.isPresent()) {
          md5s.put(path, md5.get());
        }
        files.add(path);
      }
      List<String> folders = strings(o.array("folders").orElseThrow());
      for (String log : List.of(STDOUT, STDERR)) {
        if (!Files.isRegularFile(folder.resolve(log), LinkOption.NOFOLLOW_LINKS)) {
          LOG.info("cache entry {} is damaged ({} is missing): a miss", key, log);
          return Optional.empty();
        }
      }
      Optional<String> containerCommand = o.string("container-command");
      return Optional.of(new Entry(folder, containerCommand, o.string("command-line").orElseThrow(), outputs, missing,
          files, folders, Map.copyOf(md5s)));
    } catch (Exception e) {
      LOG.info("cache entry {} cannot be read ({}): a miss", key, e.toString());
      return Optional.empty();
    }
  }

  private static List<String> strings(JsonValue v) {
    List<String> out = new ArrayList<>();
    for (JsonValue item : ((JsonArray) v).items()) {
      out.add(((JsonString) item).value());
    }
    return out;
  }

  /** {@code relative} under {@code base}, refused if it would leave it. */
  private static Path inside(Path base, String relative) throws IOException {
    Path p = base.resolve(relative).normalize();
    if (relative.startsWith("/") || !p.startsWith(base) || p.equals(base)) {
      throw new IOException("the path " + relative + " leaves " + base);
    }
    return p;
  }

  /**
   * Copies a stored run's outputs and logs into {@code jobFolder} (made if new), each file new and
   * its owner's alone, never through a link; returns the outputs by id, as paths in the job folder,
   * and the sums of the files copied. Copies, not links: a hard link would share its inode with the
   * entry, and the tool's next user (or anyone owning the job folder) writing the output, or
   * changing its mode, would change the cache entry for every later hit.
   *
   * @throws IOException when a file cannot be copied, or a folder on the way is a link leading out
   */
  Materialized materialize(Entry entry, Path jobFolder, Path stdout, Path stderr) throws IOException {
    Map<Path, FileDigest> digests = new HashMap<>();
    Path folder = OwnerOnly.createFolders(jobFolder);
    Path real = folder.toRealPath();
    for (String rel : entry.folders()) {
      Path dir = inside(folder, rel);
      OwnerOnly.createFolders(dir);
      requireInside(dir, real);
    }
    for (String rel : entry.files()) {
      Path target = inside(folder, rel);
      OwnerOnly.createFolders(target.getParent());
      requireInside(target.getParent(), real);
      copyFile(inside(entry.folder().resolve(FILES), rel), target);
      String md5 = entry.md5s().get(rel);
      if (md5 != null) {
        digests.put(target.toAbsolutePath().normalize(), FileDigest.of(md5,
            Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)));
      }
    }
    copyFile(entry.folder().resolve(STDOUT), stdout);
    copyFile(entry.folder().resolve(STDERR), stderr);
    Map<String, List<Path>> outputs = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : entry.outputs().entrySet()) {
      List<Path> paths = new ArrayList<>();
      for (String rel : e.getValue()) {
        paths.add(inside(folder, rel));
      }
      outputs.put(e.getKey(), paths);
    }
    return new Materialized(outputs, digests);
  }

  private static void requireInside(Path dir, Path realJob) throws IOException {
    if (!dir.toRealPath().startsWith(realJob)) {
      throw new IOException("the folder " + dir + " leads out of the job folder " + realJob);
    }
  }

  // ---- store

  /**
   * Stores a successful run of the job in {@code jobFolder}, if every output is a plain file or
   * folder inside it; returns the entry's bytes when it did. Written into {@code tmp/} and renamed
   * into place. The caller evicts ({@link #evictIfDue}) once it released the key's lock, so
   * that an entry too big for the bounds on its own goes at once.
   */
  OptionalLong store(String key, JobResult result) {
    if (!result.succeeded() || result.cacheHit()) {
      return OptionalLong.empty();
    }
    Path tmp = null;
    try {
      Path jobFolder = result.workDirectory().toAbsolutePath().normalize();
      Path realJob = jobFolder.toRealPath();
      tmp = OwnerOnly.createFolders(cache.folder().resolve("tmp")).resolve(key + "-"
          + Long.toHexString(ThreadLocalRandom.current().nextLong()));
      OwnerOnly.createFolders(tmp.resolve(FILES));
      Counter counter = new Counter();
      List<JsonValue> files = new ArrayList<>();
      List<JsonValue> folders = new ArrayList<>();
      Map<String, JsonValue> outputs = new LinkedHashMap<>();
      for (Map.Entry<String, List<Path>> out : result.outputFiles().entrySet()) {
        List<JsonValue> paths = new ArrayList<>();
        for (Path p : out.getValue()) {
          Path abs = jobFolder.resolve(p).normalize();
          Optional<String> rel = plainInside(abs, jobFolder, realJob);
          if (rel.isEmpty()) {
            LOG.info("not cached: output \"{}\" ({}) is not a plain file or folder inside the job folder", out.getKey(),
                p);
            return OptionalLong.empty();
          }
          paths.add(new JsonString(rel.get()));
          if (!copyIn(abs, rel.get(), tmp.resolve(FILES), files, folders, counter)) {
            return OptionalLong.empty();
          }
        }
        outputs.put(out.getKey(), new JsonArray(paths));
      }
      copyLog(result.stdoutFile(), tmp.resolve(STDOUT));
      copyLog(result.stderrFile(), tmp.resolve(STDERR));
      List<JsonValue> missing = new ArrayList<>();
      for (MissingOutput m : result.missingOutputs()) {
        missing.add(new JsonObject(Map.of("id", new JsonString(m.id()), "path", new JsonString(m.path()),
            "optional", JsonBoolean.of(m.optional()))));
      }
      Map<String, JsonValue> entry = new LinkedHashMap<>();
      entry.put("key", new JsonString(key));
      entry.put("stored", new JsonString(Instant.now().toString()));
      entry.put("job-id", new JsonString(result.jobId()));
      entry.put("command-line", new JsonString(result.commandLine()));
      entry.put("container-command", result.containerCommand().<JsonValue>map(JsonString::new)
          .orElse(JsonNull.INSTANCE));
      entry.put("outputs", new JsonObject(outputs));
      entry.put("missing", new JsonArray(missing));
      entry.put("files", new JsonArray(files));
      entry.put("folders", new JsonArray(folders));
      OwnerOnly.write(tmp.resolve(ENTRY), JsonWriter.pretty(2).write(new JsonObject(entry)) + "\n");
      long size = treeSize(tmp);
      OwnerOnly.write(tmp.resolve(SIZE), size + "\n");
      Path entries = OwnerOnly.createFolders(cache.folder().resolve("entries"));
      Path target = entries.resolve(key);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        // A damaged entry (a whole one would have been a hit): moved aside whole, then deleted.
        Path old = tmp.resolveSibling(key + "-old-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
      return OptionalLong.of(size);
    } catch (IOException | RuntimeException e) {
      LOG.warn("the run could not be stored in the cache {}: {}", cache.folder(), e.toString());
      return OptionalLong.empty();
    } finally {
      if (tmp != null) {
        deleteTree(tmp);
      }
    }
  }

  // ---- use and eviction

  /** Marks the entry of {@code key} used now (a hit): the least recently used entries are evicted first. */
  void touch(String key) {
    try {
      Files.setLastModifiedTime(cache.folder().resolve("entries").resolve(key).resolve(ENTRY),
          java.nio.file.attribute.FileTime.from(Instant.now()));
    } catch (IOException e) {
      LOG.debug("cannot mark cache entry {} used: {}", key, e.toString());
    }
  }

  private record Stored(String key, Path folder, Instant lastUse, long size) {}

  /**
   * Deletes the entries the cache's bounds do not keep: unused for longer than the age, then the
   * least recently used until the rest fit in the size. An entry is deleted only under its key's
   * lock (never one being answered or replaced); one process evicts at a time, the others skip.
   * Reads every entry. Returns how many entries were deleted.
   */
  int evict() {
    return evict(OptionalLong.empty());
  }

  /**
   * The same after a store of {@code added} bytes, or when a cache is opened ({@code 0}), reading
   * no entry when the last full pass tells that none can be out of bounds yet: its total and the
   * bytes stored since fit in the size, and its oldest last use is within the age. A full pass
   * comes at least every sixteenth of the entries stored, and every {@link #MAX_SCAN_AGE}, so
   * what it cannot see (entries stored by processes that found the pass busy, or deleted by hand)
   * is counted again. Each store thus reads about 16 entries, not the whole cache.
   */
  int evictIfDue(long added) {
    return evict(OptionalLong.of(added));
  }

  private int evict(OptionalLong added) {
    lastPassEntriesRead = 0;
    if (cache.maxSize().isEmpty() && cache.maxAge().isEmpty()) {
      return 0;
    }
    Path entries = cache.folder().resolve("entries");
    if (!Files.isDirectory(entries, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    FileChannel channel = null;
    FileLock evicting = null;
    try {
      channel = openLockFile("evict");
      evicting = channel.tryLock();
      if (evicting == null) {
        return 0; // another process is at it
      }
      Instant now = Instant.now();
      if (added.isPresent()) {
        Optional<Scan> last = readScan();
        if (last.isPresent() && fitsWithoutReading(last.get(), added.getAsLong(), now)) {
          Scan s = last.get();
          writeScan(new Scan(s.at(), s.total() + added.getAsLong(), s.entries() + (added.getAsLong() > 0 ? 1 : 0),
              s.oldestUse(), s.storesSince() + 1));
          return 0;
        }
      }
      deleteStaleTmp();
      List<Stored> stored = new ArrayList<>();
      try (Stream<Path> list = Files.list(entries)) {
        for (Path folder : (Iterable<Path>) list::iterator) {
          Path json = folder.resolve(ENTRY);
          lastPassEntriesRead++;
          try {
            BasicFileAttributes a = Files.readAttributes(json, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            stored.add(new Stored(folder.getFileName().toString(), folder, a.lastModifiedTime().toInstant(),
                sizeOf(folder)));
          } catch (IOException e) {
            // half there (being replaced, or damaged): its next store decides
          }
        }
      }
      stored.sort(java.util.Comparator.comparing(Stored::lastUse));
      long total = stored.stream().mapToLong(Stored::size).sum();
      Instant oldest = cache.maxAge().map(age -> now.minus(age)).orElse(Instant.MIN);
      int deleted = 0;
      int kept = 0;
      Instant oldestKept = null;
      for (Stored e : stored) {
        boolean tooOld = e.lastUse().isBefore(oldest);
        boolean tooBig = cache.maxSize().isPresent() && total > cache.maxSize().getAsLong();
        if ((tooOld || tooBig) && delete(e)) {
          total -= e.size();
          deleted++;
        } else {
          kept++;
          if (oldestKept == null) {
            oldestKept = e.lastUse(); // sorted by last use: the first kept is the oldest
          }
        }
      }
      writeScan(new Scan(now, total, kept, oldestKept == null ? now : oldestKept, 0));
      if (deleted > 0) {
        LOG.info("result cache {}: evicted {} entr{} ({} bytes left, bounds: {})", cache.folder(), deleted,
            deleted == 1 ? "y" : "ies", total, bounds());
      }
      return deleted;
    } catch (IOException | RuntimeException e) {
      LOG.warn("result cache {}: eviction failed: {}", cache.folder(), e.toString());
      return 0;
    } finally {
      try {
        if (evicting != null) {
          evicting.release();
        }
        if (channel != null) {
          channel.close();
        }
      } catch (IOException e) {
        LOG.debug("cannot release the eviction lock: {}", e.toString());
      }
    }
  }

  /** Whether the last full pass tells that, with {@code added} bytes more, no entry is out of bounds. */
  private boolean fitsWithoutReading(Scan s, long added, Instant now) {
    long between = Math.max(MIN_STORES_BETWEEN_SCANS, s.entries() / ENTRIES_PER_STORE);
    return s.storesSince() < between
        && !s.at().isAfter(now) && s.at().plus(MAX_SCAN_AGE).isAfter(now)
        && (cache.maxSize().isEmpty() || s.total() + added <= cache.maxSize().getAsLong())
        && (cache.maxAge().isEmpty() || s.oldestUse().plus(cache.maxAge().get()).isAfter(now));
  }

  /** The last full pass, as written in {@code locks/evict.scan}; empty when there is none or it cannot be read. */
  private Optional<Scan> readScan() {
    Path file = cache.folder().resolve("locks").resolve(SCAN);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 256) {
        return Optional.empty();
      }
      String[] f = Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII).strip().split(" ");
      if (f.length != 6 || !f[0].equals("v1")) {
        return Optional.empty();
      }
      return Optional.of(new Scan(Instant.ofEpochMilli(Long.parseLong(f[1])), Long.parseLong(f[2]),
          Long.parseLong(f[3]), Instant.ofEpochMilli(Long.parseLong(f[4])), Long.parseLong(f[5])));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a full pass rewrites it
    }
  }

  /** Written beside and renamed over, under the eviction lock: a crash leaves the old one or the new one. */
  private void writeScan(Scan s) throws IOException {
    Path locks = OwnerOnly.createFolders(cache.folder().resolve("locks"));
    Path tmp = locks.resolve(SCAN + ".tmp");
    Files.deleteIfExists(tmp);
    OwnerOnly.createNew(tmp, ("v1 " + s.at().toEpochMilli() + " " + s.total() + " " + s.entries() + " "
        + s.oldestUse().toEpochMilli() + " " + s.storesSince() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    Files.move(tmp, locks.resolve(SCAN), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private String bounds() {
    List<String> b = new ArrayList<>();
    cache.maxSize().ifPresent(s -> b.add(ResultCache.MAX_SIZE_SETTING + "=" + s));
    cache.maxAge().ifPresent(a -> b.add(ResultCache.MAX_AGE_SETTING + "=" + a));
    return String.join(", ", b);
  }

  /** Moves the entry aside under its key's lock, then deletes it; false when its key is in use. */
  private boolean delete(Stored e) throws IOException {
    Optional<KeyLock> lock = tryLock(e.key());
    if (lock.isEmpty()) {
      return false;
    }
    try (KeyLock held = lock.get()) {
      if (!Files.exists(e.folder().resolve(ENTRY), LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      Path aside = OwnerOnly.createFolders(cache.folder().resolve("tmp")).resolve(e.key() + "-evicted-"
          + Long.toHexString(ThreadLocalRandom.current().nextLong()));
      Files.move(e.folder(), aside, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(aside);
      return true;
    }
  }

  private void deleteStaleTmp() {
    Path tmp = cache.folder().resolve("tmp");
    if (!Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Instant stale = Instant.now().minus(STALE_TMP);
    try (Stream<Path> list = Files.list(tmp)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(stale)) {
          deleteTree(p);
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      LOG.debug("cannot clean {}: {}", tmp, e.toString());
    }
  }

  /** The entry's bytes, as its {@code size} file says, else counted. */
  private static long sizeOf(Path entry) throws IOException {
    Path size = entry.resolve(SIZE);
    try {
      if (Files.isRegularFile(size, LinkOption.NOFOLLOW_LINKS) && Files.size(size) < 64) {
        return Long.parseLong(Files.readString(size).strip());
      }
    } catch (NumberFormatException e) {
      // counted below
    }
    return treeSize(entry);
  }

  /** The bytes of the regular files under {@code root}, links not followed. */
  private static long treeSize(Path root) throws IOException {
    long[] total = new long[1];
    Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult visitFile(Path f, BasicFileAttributes a) {
        if (a.isRegularFile()) {
          total[0] += a.size();
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }
    });
    return total[0];
  }

  /** The path of {@code abs} relative to the job folder, if it is inside with no link on the way. */
  private static Optional<String> plainInside(Path abs, Path jobFolder, Path realJob) throws IOException {
    if (!abs.startsWith(jobFolder) || abs.equals(jobFolder)) {
      return Optional.empty();
    }
    String rel = jobFolder.relativize(abs).toString();
    if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS) || !abs.toRealPath().equals(realJob.resolve(rel))) {
      return Optional.empty();
    }
    return Optional.of(rel);
  }

  private final class Counter {
    long files;
    long bytes;

    boolean add(long size) {
      files++;
      bytes += size;
      return files <= cache.maxInputFiles() && bytes <= cache.maxInputBytes();
    }
  }

  /** Copies a plain file or folder (no links in it) to {@code base/rel}; false when not cacheable. */
  private boolean copyIn(Path source, String rel, Path base, List<JsonValue> files, List<JsonValue> folders,
      Counter counter) throws IOException {
    BasicFileAttributes a = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    Path target = inside(base, rel);
    if (a.isRegularFile()) {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        return true; // two outputs naming one file
      }
      if (!counter.add(a.size())) {
        LOG.info("not cached: the outputs hold more than {} files or {} bytes", cache.maxInputFiles(),
            cache.maxInputBytes());
        return false;
      }
      OwnerOnly.createFolders(target.getParent());
      MessageDigest md5 = CacheKey.md5();
      long size = copyFile(source, target, md5);
      Map<String, JsonValue> file = new LinkedHashMap<>();
      file.put("path", new JsonString(rel));
      file.put("size", JsonNumber.of(size));
      // A hit's record takes the sum from here rather than reading the copied output again.
      file.put("md5", new JsonString(HexFormat.of().formatHex(md5.digest())));
      file.put("modified-ns", JsonNumber.of(Files.getLastModifiedTime(target, LinkOption.NOFOLLOW_LINKS)
          .to(TimeUnit.NANOSECONDS)));
      files.add(new JsonObject(file));
      return true;
    }
    if (a.isDirectory()) {
      OwnerOnly.createFolders(target);
      folders.add(new JsonString(rel));
      List<Path> children;
      try (Stream<Path> list = Files.list(source)) {
        children = list.sorted().toList();
      }
      for (Path child : children) {
        if (!copyIn(child, rel + "/" + child.getFileName(), base, files, folders, counter)) {
          return false;
        }
      }
      return true;
    }
    LOG.info("not cached: output {} holds a link or a special file", source);
    return false;
  }

  private static void copyLog(Path log, Path target) throws IOException {
    if (Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
      copyFile(log, target);
    } else {
      OwnerOnly.createNew(target, new byte[0]);
    }
  }

  /** A new file, its owner's alone (executable by the owner when the source is), never through a link. */
  static long copyFile(Path source, Path target) throws IOException {
    return copyFile(source, target, null);
  }

  /**
   * The same, the bytes also given to {@code md5} when there is one. Without, the copy is the
   * kernel's (FileChannel.transferTo: no pass through this process's memory).
   */
  static long copyFile(Path source, Path target, MessageDigest md5) throws IOException {
    Files.deleteIfExists(target); // a link there is removed, never followed
    OwnerOnly.createNew(target, new byte[0]);
    long size = 0;
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      if (md5 == null) {
        // To the end as it is now; a source still growing gets what it held when the copy began.
        long end = in.size();
        while (size < end) {
          long n = in.transferTo(size, end - size, out);
          if (n <= 0) {
            break;
          }
          size += n;
        }
      } else {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        for (int n; (n = in.read(buffer)) > 0; ) {
          buffer.flip();
          md5.update(buffer.array(), 0, n);
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
          buffer.clear();
          size += n;
        }
      }
    }
    if (posix(source)) {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(source, LinkOption.NOFOLLOW_LINKS);
      OwnerOnly.restrict(target, mode.contains(PosixFilePermission.OWNER_EXECUTE));
    }
    return size;
  }

  static void deleteTree(Path root) {
    try {
      OwnerOnly.deleteTree(root);
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", root, e.toString());
    }
  }

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
