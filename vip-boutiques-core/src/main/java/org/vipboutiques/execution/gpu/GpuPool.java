package org.vipboutiques.execution.gpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.vipboutiques.execution.job.OwnerOnly;

/**
 * The GPUs of this machine shared out among jobs: a job takes free devices and holds them until
 * it ends. A device is held through an OS file lock on {@code gpu-<uuid>.lock} in the lock
 * folder, so every process of the user on the machine shares one pool, and a process that dies
 * (killed, crashed) frees its devices with its locks. Within a process, waiting jobs are served in
 * the order they asked, except that a job never waits behind one that wants none of its devices.
 */
public final class GpuPool {

  /** The system property that moves the lock folder. */
  public static final String DIRECTORY_PROPERTY = "vipboutiques.gpu-lock-directory";

  /** How often a waiting job looks again for devices freed by another process. */
  static final long POLL_MILLIS = 100;

  private static final Map<Path, GpuPool> POOLS = new ConcurrentHashMap<>();

  private final Path folder;
  // Guarded by this.
  private final Map<String, FileLock> held = new HashMap<>();
  private final Map<String, FileChannel> channels = new HashMap<>();
  private final List<Ticket> queue = new ArrayList<>();

  private GpuPool(Path folder) {
    this.folder = folder;
  }

  /** The pool of this machine, with its locks in {@link #defaultDirectory()}. */
  public static GpuPool forMachine() {
    return in(defaultDirectory());
  }

  /** The pool whose locks are in this folder (one instance per folder in a process). */
  public static GpuPool in(Path folder) {
    return POOLS.computeIfAbsent(folder.toAbsolutePath().normalize(), GpuPool::new);
  }

  /**
   * {@code ~/.cache/boutiques/gpu-locks}, beside the reference's data folder ({@code HOME} first),
   * or the folder the system property {@value #DIRECTORY_PROPERTY} names.
   */
  public static Path defaultDirectory() {
    String property = System.getProperty(DIRECTORY_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    String home = System.getenv("HOME");
    if (home == null || home.isEmpty()) {
      home = System.getProperty("user.home");
    }
    return Path.of(home, ".cache", "boutiques", "gpu-locks").toAbsolutePath().normalize();
  }

  public Path folder() {
    return folder;
  }

  /**
   * Waits until {@code count} of the candidates are free in every process, takes them (lowest
   * index first) and returns them as a lease to close when the job ends.
   *
   * @param owner written into the lock files, for {@code vip-boutiques gpus}
   * @param abandoned asked while waiting: when it turns true the wait ends with nothing
   * @return the lease, or empty when abandoned
   * @throws UncheckedIOException when the lock folder cannot be used
   */
  public Optional<GpuLease> acquire(List<GpuDevice> candidates, int count, String owner, BooleanSupplier abandoned)
      throws InterruptedException {
    if (count < 1 || count > candidates.size()) {
      throw new IllegalArgumentException("cannot take " + count + " of " + candidates.size() + " devices");
    }
    createFolder();
    Ticket ticket = new Ticket(candidates, count);
    synchronized (this) {
      queue.add(ticket);
    }
    try {
      while (true) {
        synchronized (this) {
          if (abandoned.getAsBoolean()) {
            return Optional.empty();
          }
          if (mayTry(ticket)) {
            List<GpuDevice> got = takeFree(ticket, owner);
            if (got.size() == count) {
              return Optional.of(new GpuLease(this, got));
            }
            release(got);
          }
          wait(POLL_MILLIS);
        }
      }
    } finally {
      synchronized (this) {
        queue.remove(ticket);
        notifyAll();
      }
    }
  }

  /** The UUIDs of those devices some job holds now, in this process or another (a snapshot, for display). */
  public synchronized Set<String> busy(List<GpuDevice> devices) {
    Set<String> busy = new LinkedHashSet<>();
    if (!Files.isDirectory(folder)) {
      return busy;
    }
    for (GpuDevice d : devices) {
      if (held.containsKey(d.uuid())) {
        busy.add(d.uuid());
        continue;
      }
      try {
        FileLock lock = channel(d).tryLock();
        if (lock == null) {
          busy.add(d.uuid());
        } else {
          lock.release();
        }
      } catch (IOException | OverlappingFileLockException e) {
        busy.add(d.uuid());
      }
    }
    return busy;
  }

  /** Earlier waiters that want one of this ticket's devices go first. */
  private boolean mayTry(Ticket ticket) {
    for (Ticket earlier : queue) {
      if (earlier == ticket) {
        return true;
      }
      if (earlier.overlaps(ticket)) {
        return false;
      }
    }
    return true;
  }

  private List<GpuDevice> takeFree(Ticket ticket, String owner) {
    List<GpuDevice> got = new ArrayList<>();
    for (GpuDevice d : ticket.candidates) {
      if (got.size() == ticket.count) {
        break;
      }
      if (held.containsKey(d.uuid())) {
        continue;
      }
      try {
        FileChannel channel = channel(d);
        FileLock lock = channel.tryLock();
        if (lock == null) {
          continue;
        }
        byte[] who = (ProcessHandle.current().pid() + " " + owner + "\n").getBytes(StandardCharsets.UTF_8);
        channel.truncate(who.length);
        channel.write(ByteBuffer.wrap(who), 0);
        held.put(d.uuid(), lock);
        got.add(d);
      } catch (IOException e) {
        release(got);
        throw new UncheckedIOException("cannot lock " + d.label() + " in the GPU lock folder " + folder + ": "
            + e.getMessage() + "; make it writable or set -D" + DIRECTORY_PROPERTY + "=FOLDER", e);
      }
    }
    return got;
  }

  synchronized void release(List<GpuDevice> devices) {
    for (GpuDevice d : devices) {
      FileLock lock = held.remove(d.uuid());
      if (lock != null) {
        try {
          lock.release();
        } catch (IOException e) {
          // Kept open, the channel would keep the lock: closed, it frees it.
          closeQuietly(channels.remove(d.uuid()));
        }
      }
    }
    notifyAll();
  }

  /**
   * The device's lock file, opened once and kept open: on Linux, closing any descriptor of a file
   * drops every lock the process holds on it, so a file this process may lock is never closed.
   */
  private FileChannel channel(GpuDevice d) throws IOException {
    FileChannel channel = channels.get(d.uuid());
    if (channel == null || !channel.isOpen()) {
      channel = open(d);
      channels.put(d.uuid(), channel);
    }
    return channel;
  }

  private FileChannel open(GpuDevice d) throws IOException {
    Path file = folder.resolve("gpu-" + d.uuid().replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    }
    return FileChannel.open(file, options);
  }

  private void createFolder() {
    try {
      if (!Files.isDirectory(folder)) {
        OwnerOnly.createFolders(folder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the GPU lock folder " + folder + ": " + e.getMessage()
          + "; set -D" + DIRECTORY_PROPERTY + "=FOLDER to a writable one", e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing held through it any more
      }
    }
  }

  private static final class Ticket {
    final List<GpuDevice> candidates;
    final int count;

    Ticket(List<GpuDevice> candidates, int count) {
      this.candidates = List.copyOf(candidates);
      this.count = count;
    }

    boolean overlaps(Ticket other) {
      return candidates.stream().anyMatch(other.candidates::contains);
    }
  }
}
