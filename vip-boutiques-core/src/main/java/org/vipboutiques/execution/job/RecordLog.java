package org.vipboutiques.execution.job;

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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An append-only file of records, one line each, the last line of a key winning: the job stores
 * of the back ends that keep jobs outside this process (Slurm, DIRAC) are made of it. Several
 * processes may share one file: each append and each compaction holds an exclusive lock on a
 * sibling {@code .lock} file (which compaction never replaces, so no process appends to a file
 * already renamed away), is forced to disk, and a compaction re-reads the file under that lock
 * first, so records other processes appended are kept. A torn line (a crash mid-write) is
 * skipped when read and never swallows the next record: an append after it starts on a new line.
 * The files are owner-only. Thread-safe.
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
   * The most bytes a log is read from (a store of 10,000 jobs is a few MiB): a bigger file is
   * refused in one line rather than read into memory.
   */
  public static final long MAX_BYTES = 64L << 20;

  /** One lock per file within this JVM: file locks are held by the process, not by a thread. */
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path file;
  private final Path lockFile;
  private final Codec<R> codec;
  private final Map<String, R> records = new LinkedHashMap<>();
  private int lines;

  private RecordLog(Path file, Codec<R> codec) {
    this.file = file;
    this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
    this.codec = codec;
  }

  /** Opens the log at {@code file} (created on the first append) and reads it. */
  public static <R> RecordLog<R> open(Path file, Codec<R> codec) {
    RecordLog<R> log = new RecordLog<>(file.toAbsolutePath().normalize(), Objects.requireNonNull(codec, "codec"));
    if (Files.exists(log.file)) {
      log.locked(() -> {
        log.reload();
        return null;
      });
    }
    return log;
  }

  public Path file() {
    return file;
  }

  /** Appends {@code batch} with one write, forced to disk. */
  public synchronized void append(Collection<R> batch) {
    if (batch.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder(batch.size() * 160);
    for (R r : batch) {
      String line = codec.encode(r);
      if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a record line holds a line break: " + line);
      }
      sb.append(line).append('\n');
    }
    locked(() -> {
      OwnerOnly.createIfAbsent(file);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        String text = sb.toString();
        long size = ch.size();
        if (size > 0 && lastByte(size) != '\n') {
          text = "\n" + text; // after a torn line
        }
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(false);
      }
      return null;
    });
    for (R r : batch) {
      records.put(codec.key(r), r);
    }
    lines += batch.size();
  }

  public synchronized Optional<R> get(String key) {
    return Optional.ofNullable(records.get(key));
  }

  /** The records, latest of each key, in the order their keys first appeared. */
  public synchronized List<R> all() {
    return List.copyOf(records.values());
  }

  /** Lines read or written since the file was last compacted or read (superseded ones included). */
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
   * The same, keeping only the records {@code retain} returns, given the latest record of each
   * key in the order their keys first appeared (re-read under the lock): how a store forgets old
   * ended jobs, so that opening it does not cost more with every job ever run.
   */
  public synchronized void compact(java.util.function.UnaryOperator<List<R>> retain) {
    Objects.requireNonNull(retain, "retain");
    locked(() -> {
      reload();
      List<R> kept = retain.apply(List.copyOf(records.values()));
      records.clear();
      for (R r : kept) {
        records.put(codec.key(r), r);
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      OwnerOnly.createIfAbsent(tmp);
      StringBuilder sb = new StringBuilder(records.size() * 160);
      for (R r : records.values()) {
        sb.append(codec.encode(r)).append('\n');
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      forceFolder(file.getParent());
      lines = records.size();
      return null;
    });
  }

  private void reload() throws IOException {
    records.clear();
    lines = 0;
    if (!Files.exists(file)) {
      return;
    }
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new IOException("it holds " + size + " bytes, more than the " + MAX_BYTES + " a job store may hold (its"
          + " ended jobs are forgotten long before that: is it a job store?); move it aside to start a new one");
    }
    // Read line by line: the file's text is never held whole beside its records.
    try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        lines++;
        try {
          R r = codec.decode(line);
          records.put(codec.key(r), r);
        } catch (RuntimeException e) {
          // a torn line: skipped
        }
      }
    }
  }

  private byte lastByte(long size) throws IOException {
    ByteBuffer last = ByteBuffer.allocate(1);
    try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
      reader.read(last, size - 1);
    }
    return last.get(0);
  }

  private interface Locked<T> {
    T run() throws IOException;
  }

  /** Runs {@code action} holding this JVM's lock and the lock file's exclusive lock. */
  private <T> T locked(Locked<T> action) {
    ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(lockFile, k -> new ReentrantLock());
    inProcess.lock();
    try {
      OwnerOnly.createFolders(file.getParent());
      OwnerOnly.createIfAbsent(lockFile);
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
        return action.run();
      }
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
