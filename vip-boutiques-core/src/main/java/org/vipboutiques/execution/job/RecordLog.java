package org.vipboutiques.execution.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * An append-only file of records, one line each, the last line of a key winning: the job stores
 * of the back ends that keep jobs outside this process (Slurm, DIRAC) are made of it. Several
 * processes may share one file, and each sees the others' records:
 * <ul>
 *   <li>every read and write holds an exclusive lock on a sibling {@code .lock} file (which
 *       compaction never replaces, so no process appends to a file already renamed away), and
 *       first reads what other processes appended since (from where it last stopped; all of it
 *       again after another process compacted the file);</li>
 *   <li>{@link #get}, {@link #all} and {@link #refresh} read what is new first;</li>
 *   <li>{@link #update} computes each change from the record as it is in the file now, under the
 *       lock, so a change made by another process is never overwritten by a stale copy;</li>
 *   <li>appends are one write each, forced to disk; a torn line (a crash mid-write) is skipped
 *       when read and never swallows the next record: an append after it starts on a new line;</li>
 *   <li>the file is compacted (one line per key, other processes' records kept) once more than
 *       half its lines are superseded, or when an append would pass the size bound; a log opened
 *       with a {@link Retention} also forgets, at each compaction, the records it lets go beyond
 *       the newest it keeps (compacted once it holds more than twice that many): the compaction
 *       is done under the lock, and other processes read the new file whole (its inode
 *       changed);</li>
 *   <li>reading is bounded ({@link Limits}: bytes and records), a file over a bound fails in one
 *       line saying so;</li>
 *   <li>the file and its lock are owner-only (0600), never read or written through a link, and a
 *       file someone else owns or may write is refused: the records name folders the library
 *       writes into.</li>
 * </ul>
 * Thread-safe.
 *
 * @param <R> the record type
 */
public final class RecordLog<R> {

  /** How records are written as lines and read back. */
  public interface Codec<R> {
    /** The record's key: a later record of the same key replaces it. */
    String key(R record);

    /** One line, without line break. */
    String encode(R record);

    /** The record of a line; any RuntimeException marks the line unreadable (torn), and it is skipped. */
    R decode(String line);
  }

  /**
   * Bounds on a log: its file's size in bytes and the records (keys) it holds.
   *
   * @param maxBytes the largest file read, and the largest an append makes it
   * @param maxRecords the most keys held
   */
  public record Limits(long maxBytes, int maxRecords) {

    /** 64 MiB and 250,000 records: a quarter of a million jobs of one line each. */
    public static final Limits DEFAULT = new Limits(64L << 20, 250_000);

    public Limits {
      if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8 || maxRecords < 1) {
        throw new IllegalArgumentException("record log limits must be positive (and under 2 GiB): " + maxBytes
            + " bytes, " + maxRecords + " records");
      }
    }
  }

  /**
   * Which records a log may forget, and how many of them it keeps (the newest, by when their key
   * first appeared): how a job store forgets old ended jobs, so that opening it costs the same
   * after a year of jobs as after a day. Records {@code forgettable} rejects are always kept.
   *
   * @param forgettable whether a record may be forgotten (a job that ended)
   * @param keep how many forgettable records are kept; compaction comes once more than twice that
   *     many are held
   */
  public record Retention<R>(Predicate<? super R> forgettable, int keep) {

    public Retention {
      Objects.requireNonNull(forgettable, "forgettable");
      if (keep < 0) {
        throw new IllegalArgumentException("a retention keeps at least 0 records: " + keep);
      }
    }

    /** {@code all} (in key order) without its forgettable records but the last {@link #keep}; others all kept, in order. */
    public List<R> apply(List<R> all) {
      long total = all.stream().filter(forgettable).count();
      long skip = Math.max(0, total - keep);
      List<R> out = new ArrayList<>(all.size());
      for (R r : all) {
        if (skip > 0 && forgettable.test(r)) {
          skip--;
        } else {
          out.add(r);
        }
      }
      return out;
    }
  }

  /** Bytes read at a time when reading a file. */
  private static final int READ_CHUNK = 1 << 20;

  /** Lines below which a file is never compacted on its own: rewriting a small file gains nothing. */
  private static final int COMPACT_MIN_LINES = 1000;

  /** One lock per file within this JVM: file locks are held by the process, not by a thread. */
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_WRITE);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private final Path lockFile;
  private final Codec<R> codec;
  private final Limits limits;
  /** Empty: nothing forgotten (compaction drops superseded lines only). */
  private final Optional<Retention<R>> retention;
  // Guarded by this (and read or written only under the file lock).
  private final Map<String, R> records = new LinkedHashMap<>();
  private int lines;
  /** Records held that the retention may forget (0 without one). */
  private int forgettable;
  /** Bytes of the file read so far: what follows was appended since. */
  private long position;
  /** The identity of the file read (its inode): another one means it was compacted meanwhile. */
  private Object fileKey;

  private RecordLog(Path file, Codec<R> codec, Limits limits, Optional<Retention<R>> retention) {
    this.file = file;
    this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
    this.codec = codec;
    this.limits = limits;
    this.retention = retention;
  }

  /** Opens the log at {@code file} (created on the first append) and reads it, within {@link Limits#DEFAULT}. */
  public static <R> RecordLog<R> open(Path file, Codec<R> codec) {
    return open(file, codec, Limits.DEFAULT);
  }

  /**
   * Opens the log at {@code file} (created on the first append) and reads it.
   *
   * @throws UncheckedIOException when the file cannot be read, is over a limit, is a link, or is
   *     not its user's alone
   */
  public static <R> RecordLog<R> open(Path file, Codec<R> codec, Limits limits) {
    return open(file, codec, limits, Optional.empty());
  }

  /**
   * Opens the log at {@code file} (created on the first append) and reads it; its compactions
   * forget what {@code retention} lets go, and one comes as soon as the log holds more than twice
   * the records the retention keeps (when opened, too).
   *
   * @throws UncheckedIOException when the file cannot be read, is over a limit, is a link, or is
   *     not its user's alone
   */
  public static <R> RecordLog<R> open(Path file, Codec<R> codec, Limits limits, Retention<R> retention) {
    return open(file, codec, limits, Optional.of(Objects.requireNonNull(retention, "retention")));
  }

  private static <R> RecordLog<R> open(Path file, Codec<R> codec, Limits limits, Optional<Retention<R>> retention) {
    RecordLog<R> log = new RecordLog<>(file.toAbsolutePath().normalize(), Objects.requireNonNull(codec, "codec"),
        Objects.requireNonNull(limits, "limits"), retention);
    if (Files.exists(log.file, LinkOption.NOFOLLOW_LINKS)) {
      log.refresh();
    }
    return log;
  }

  public Path file() {
    return file;
  }

  public Limits limits() {
    return limits;
  }

  /** Reads what other processes appended since this one last read. */
  public synchronized void refresh() {
    if (unchanged()) {
      return;
    }
    locked(() -> {
      readNew();
      compactIfDue();
      return null;
    });
  }

  /** Appends {@code batch} with one write, forced to disk. */
  public synchronized void append(Collection<R> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<R> copy = List.copyOf(batch);
    locked(() -> {
      readNew();
      write(copy);
      return null;
    });
  }

  /**
   * Changes the records of {@code keys}, each computed from its version in the file now (read
   * under the lock, other processes' changes included), so that no change made meanwhile is lost;
   * the changes are appended with one write. Keys the log does not hold are skipped.
   *
   * @param change the new version of a record, or empty to leave it as it is; it must keep the key
   * @return the records written
   */
  public synchronized List<R> update(Collection<String> keys, Function<? super R, Optional<R>> change) {
    if (keys.isEmpty()) {
      return List.of();
    }
    return locked(() -> {
      readNew();
      List<R> changed = new ArrayList<>();
      for (String key : new LinkedHashSet<>(keys)) {
        R current = records.get(key);
        if (current == null) {
          continue;
        }
        Optional<R> next = change.apply(current);
        if (next.isPresent()) {
          if (!codec.key(next.get()).equals(key)) {
            throw new IllegalArgumentException("an update changed the key " + key + " to " + codec.key(next.get()));
          }
          changed.add(next.get());
        }
      }
      write(changed);
      return List.copyOf(changed);
    });
  }

  /**
   * The record of {@code key} as the file holds it now: what other processes appended is read
   * first (a key they added, a change they made); when nothing is new that costs one stat, no lock.
   */
  public synchronized Optional<R> get(String key) {
    refresh();
    return Optional.ofNullable(records.get(key));
  }

  /** The records, latest of each key, in the order their keys first appeared, with what other processes added. */
  public synchronized List<R> all() {
    refresh();
    return List.copyOf(records.values());
  }

  /** Lines read or written since the file was last compacted or read whole (superseded ones included). */
  public synchronized int lines() {
    return lines;
  }

  /**
   * Rewrites the file with one line per key: re-read under the lock (with what other processes
   * appended), written beside it, forced, and renamed over it.
   */
  public synchronized void compact() {
    compact(all -> all);
  }

  /**
   * The same, keeping only the records {@code retain} returns, given the latest record of each key
   * in the order their keys first appeared (re-read under the lock, with what other processes
   * appended); the log's own {@link Retention} then applies as at every compaction.
   */
  public synchronized void compact(UnaryOperator<List<R>> retain) {
    Objects.requireNonNull(retain, "retain");
    locked(() -> {
      readNew();
      List<R> kept = retain.apply(List.copyOf(records.values()));
      records.clear();
      for (R r : kept) {
        records.put(codec.key(r), r);
      }
      compactLocked();
      return null;
    });
  }

  /**
   * Whether the file is, without a doubt, the one read and no longer than what was read: then
   * nothing was appended or compacted since, and no lock is needed to know it (an append under way
   * that has not grown the file yet is read next time, as if it came after).
   */
  private boolean unchanged() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return fileKey != null && a.isRegularFile() && fileKey.equals(a.fileKey()) && a.size() == position;
    } catch (NoSuchFileException e) {
      return fileKey == null;
    } catch (IOException e) {
      return false; // the locked read says what is wrong
    }
  }

  private void compactLocked() throws IOException {
    if (retention.isPresent()) {
      List<R> kept = retention.get().apply(List.copyOf(records.values()));
      records.clear();
      for (R r : kept) {
        records.put(codec.key(r), r);
      }
    }
    forgettable = 0;
    for (R r : records.values()) {
      count(null, r);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp); // a link there is removed, not followed
    StringBuilder sb = new StringBuilder(records.size() * 160);
    for (R r : records.values()) {
      sb.append(codec.encode(r)).append('\n');
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = createOwnerOnly(tmp)) {
      writeFully(ch, bytes);
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    forceFolder(file.getParent());
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    fileKey = a.fileKey();
    position = a.size();
    lines = records.size();
  }

  /** Appends {@code batch} at the end of the file, which {@link #readNew} has just read up to. */
  private void write(List<R> batch) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder(batch.size() * 160);
    Set<String> newKeys = new LinkedHashSet<>();
    for (R r : batch) {
      String line = codec.encode(r);
      if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a record line holds a line break: " + line);
      }
      sb.append(line).append('\n');
      String key = codec.key(r);
      if (!records.containsKey(key)) {
        newKeys.add(key);
      }
    }
    if (records.size() + newKeys.size() > limits.maxRecords()) {
      throw new StoreRefused("the job store " + file + " would hold " + (records.size() + newKeys.size())
          + " jobs, more than its limit of " + limits.maxRecords() + "; " + HOW_TO_EMPTY);
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    if (position + bytes.length + 1 > limits.maxBytes() && (lines > records.size() || overRetention(0))) {
      compactLocked();
    }
    if (position + bytes.length + 1 > limits.maxBytes()) {
      throw new StoreRefused("the job store " + file + " would grow to " + (position + bytes.length)
          + " bytes, more than its limit of " + limits.maxBytes() + "; " + HOW_TO_EMPTY);
    }
    boolean created = !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    try (FileChannel ch = created ? createOwnerOnly(file)
        : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      long size = ch.size();
      if (size > position) {
        // A torn line (a crash mid-write) that readNew left unread: this append starts after it, on a new line.
        ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, size - 1);
        if (last.get(0) != '\n') {
          ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
          size++;
        }
      }
      ch.position(size);
      writeFully(ch, bytes);
      ch.force(false);
      position = ch.size();
    }
    if (created) {
      fileKey = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }
    for (R r : batch) {
      count(records.put(codec.key(r), r), r);
    }
    lines += batch.size();
    compactIfDue();
  }

  /** Compacts when more than half the lines are superseded, or the log holds more than twice what its retention keeps. */
  private void compactIfDue() throws IOException {
    if (lines > COMPACT_MIN_LINES && lines > 2L * records.size() || overRetention(1)) {
      compactLocked();
    }
  }

  /** Whether more than {@code times + 1} times the forgettable records the retention keeps are held. */
  private boolean overRetention(int times) {
    return retention.isPresent() && forgettable > (times + 1L) * retention.get().keep();
  }

  /** Keeps {@link #forgettable} right as {@code now} replaces {@code before} (null: a new key). */
  private void count(R before, R now) {
    if (retention.isEmpty()) {
      return;
    }
    Predicate<? super R> f = retention.get().forgettable();
    forgettable += (f.test(now) ? 1 : 0) - (before != null && f.test(before) ? 1 : 0);
  }

  private static final String HOW_TO_EMPTY = "it keeps every job not known to have ended: once none of its jobs"
      + " runs, move it away (or set the executor's store to a new file) so that a new one starts empty";

  /** Reads what was appended since the last read (the whole file again when it is another one). */
  private void readNew() throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      if (fileKey != null) {
        // Removed by its user: what it held is forgotten, as by a new process.
        records.clear();
        lines = 0;
        forgettable = 0;
        position = 0;
        fileKey = null;
      }
      return;
    }
    if (a.isSymbolicLink()) {
      throw new StoreRefused("the job store " + file + " is a symbolic link; the library never reads or writes"
          + " through links: set the executor's store to the real file");
    }
    if (!a.isRegularFile()) {
      throw new StoreRefused("the job store " + file + " is not a regular file; remove it or set the executor's"
          + " store to another path");
    }
    if (a.size() > limits.maxBytes()) {
      throw new StoreRefused("the job store " + file + " is " + a.size() + " bytes, more than its limit of "
          + limits.maxBytes() + "; " + HOW_TO_EMPTY);
    }
    if (!Objects.equals(a.fileKey(), fileKey) || a.size() < position) {
      checkOwnerOnly();
      records.clear();
      lines = 0;
      forgettable = 0;
      position = 0;
      fileKey = a.fileKey();
    }
    if (a.size() == position) {
      return;
    }
    // Read in chunks, line by line: the file's text is never held whole beside its records.
    long consumed = position;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      // Under the lock nobody appends: reading to the size seen is reading to the end.
      long end = Math.min(ch.size(), limits.maxBytes());
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(end - position, READ_CHUNK));
      java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
      for (long at = position; at < end; ) {
        buf.clear();
        buf.limit((int) Math.min(buf.capacity(), end - at));
        int n = ch.read(buf, at);
        if (n <= 0) {
          break;
        }
        byte[] bytes = buf.array();
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (bytes[i] != '\n') {
            continue;
          }
          pending.write(bytes, start, i - start);
          String line = pending.toString(StandardCharsets.UTF_8);
          pending.reset();
          start = i + 1;
          consumed = at + start;
          readLine(line);
        }
        pending.write(bytes, start, n - start);
        at += n;
      }
    }
    // What follows the last line break is a line being torn (a crash mid-write): read again next time.
    position = consumed;
  }

  private void readLine(String line) throws StoreRefused {
    if (line.isBlank()) {
      return;
    }
    lines++;
    try {
      R r = codec.decode(line);
      count(records.put(codec.key(r), r), r);
    } catch (RuntimeException e) {
      // a torn line: skipped
    }
    if (records.size() > limits.maxRecords()) {
      throw new StoreRefused("the job store " + file + " holds more than " + limits.maxRecords() + " jobs, its"
          + " limit; " + HOW_TO_EMPTY);
    }
  }

  /** A store someone else may write could send the library's writes into folders of their choosing. */
  private void checkOwnerOnly() throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    PosixFileAttributes p = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    Optional<UserPrincipal> me = currentUser(file);
    if (me.isPresent() && !me.get().equals(p.owner())) {
      throw new StoreRefused("the job store " + file + " belongs to " + p.owner().getName() + ", not to "
          + me.get().getName() + "; the library uses only its user's own store: set the executor's store to a file"
          + " of yours");
    }
    if (p.permissions().stream().anyMatch(OTHERS_WRITE::contains)) {
      throw new StoreRefused("the job store " + file + " may be written by others ("
          + PosixFilePermissions.toString(p.permissions()) + "); its records name folders the library writes into:"
          + " check its content, then make it owner-only (chmod 600 " + file + ")");
    }
    Set<PosixFilePermission> own = java.util.EnumSet.noneOf(PosixFilePermission.class);
    p.permissions().stream().filter(x -> x.name().startsWith("OWNER_")).forEach(own::add);
    if (!own.equals(p.permissions())) {
      // Readable by others (made by hand, say): made owner-only, as the library makes its files.
      Files.setPosixFilePermissions(file, own);
    }
  }

  private static Optional<UserPrincipal> currentUser(Path file) {
    String name = System.getProperty("user.name");
    if (name == null || name.isBlank() || name.equals("?")) {
      return Optional.empty();
    }
    try {
      return Optional.of(file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  private static FileChannel createOwnerOnly(Path path) throws IOException {
    Set<java.nio.file.OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return FileChannel.open(path, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }
    return FileChannel.open(path, options);
  }

  private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  private interface Locked<T> {
    T run() throws IOException;
  }

  /** A store the library will not use: the message is the whole story. */
  private static final class StoreRefused extends IOException {
    StoreRefused(String message) {
      super(message);
    }
  }

  /** Runs {@code action} holding this JVM's lock and the lock file's exclusive lock. */
  private <T> T locked(Locked<T> action) {
    ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(lockFile, k -> new ReentrantLock());
    inProcess.lock();
    try {
      OwnerOnly.createFolders(file.getParent());
      OwnerOnly.createIfAbsent(lockFile);
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
          FileLock lock = ch.lock()) {
        return action.run();
      }
    } catch (StoreRefused e) {
      throw new UncheckedIOException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the job store " + file + ": " + e.getMessage()
          + " (check the folder's permissions and free space, or set the store elsewhere)", e);
    } finally {
      inProcess.unlock();
    }
  }

  private static void forceFolder(Path folder) {
    try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not every system lets a folder be forced; the rename itself is atomic
    }
  }
}
