package org.vipboutiques.execution.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobRetention;

/**
 * Which job folders hold a job that ended, and the deletion of those a {@link JobRetention} does
 * not keep. A job's end is a marker file the library writes in its folder when the job ends (and
 * removes when a job starts in the folder): a folder without it (a job running, queued, on a
 * cluster while this process was away, or a folder of someone else's) is never deleted, nor is
 * the folder of a job of this process that has not ended.
 */
public final class EndedJobs {

  private static final Logger LOG = LoggerFactory.getLogger(EndedJobs.class);

  /** The marker: written when a job ends, with its final state and time. */
  public static final String MARKER = ".vipb-ended";

  /** Folders of this process's jobs that have not ended (a marker left by an earlier job does not count). */
  private static final Set<Path> ACTIVE = ConcurrentHashMap.newKeySet();

  private EndedJobs() {}

  /** A job starts in {@code folder}: it is active, and a marker of an earlier job there is removed. */
  static void started(Path folder) {
    Path f = folder.toAbsolutePath().normalize();
    ACTIVE.add(f);
    try {
      Files.deleteIfExists(f.resolve(MARKER)); // removes a link itself, never its target
    } catch (IOException e) {
      LOG.debug("cannot remove the end marker in {}: {}", f, e.toString());
    }
  }

  /**
   * The job in {@code folder} ended: the marker is written (never through a link: a file or link
   * of that name the tool left is replaced).
   */
  static void ended(Path folder, JobResult result) {
    Path f = folder.toAbsolutePath().normalize();
    try {
      Path marker = f.resolve(MARKER);
      byte[] text = (result.state() + " " + result.finishedAt() + "\n").getBytes(StandardCharsets.UTF_8);
      for (int attempt = 0; attempt < 2; attempt++) {
        try {
          OwnerOnly.createNew(marker, text);
          break;
        } catch (FileAlreadyExistsException e) {
          Files.deleteIfExists(marker);
        }
      }
    } catch (IOException e) {
      LOG.debug("cannot write the end marker in {}: {}", f, e.toString());
    } finally {
      ACTIVE.remove(f);
    }
  }

  /**
   * Deletes the folders under {@code baseDirectory} of jobs that ended and that the retention does
   * not keep. Returns them, oldest end first. A folder that cannot be deleted whole is logged and
   * left (what remains of it).
   */
  public static List<Path> prune(Path baseDirectory, JobRetention retention, Instant now) {
    Path base = baseDirectory.toAbsolutePath().normalize();
    if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    record Ended(Path folder, Instant at) {}
    List<Ended> ended = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(base)) {
      for (Path child : children) {
        if (!Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) || ACTIVE.contains(child)) {
          continue;
        }
        Path marker = child.resolve(MARKER);
        try {
          BasicFileAttributes a = Files.readAttributes(marker, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (a.isRegularFile()) {
            ended.add(new Ended(child, a.lastModifiedTime().toInstant()));
          }
        } catch (IOException e) {
          // no marker: not ended, or not a job folder
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list the job folders in {}: {}", base, e.toString());
      return List.of();
    }
    ended.sort(Comparator.comparing(Ended::at).reversed());
    List<Path> deleted = new ArrayList<>();
    for (int i = ended.size() - 1; i >= 0; i--) {
      Ended e = ended.get(i);
      boolean kept = retention.keepLast().isPresent() && i < retention.keepLast().getAsInt()
          || retention.keepFor().isPresent() && Duration.between(e.at(), now).compareTo(retention.keepFor().get()) < 0;
      if (!kept && !ACTIVE.contains(e.folder()) && deleteTree(e.folder())) {
        deleted.add(e.folder());
      }
    }
    if (!deleted.isEmpty()) {
      LOG.info("deleted {} ended job folder(s) under {} ({})", deleted.size(), base, retention);
    }
    return deleted;
  }

  /** Deletes a folder and what is in it; links are removed, never followed. */
  private static boolean deleteTree(Path folder) {
    try {
      OwnerOnly.deleteTree(folder);
      return true;
    } catch (IOException e) {
      LOG.warn("cannot delete the job folder {} whole: {}", folder, e.toString());
      return false;
    }
  }
}
