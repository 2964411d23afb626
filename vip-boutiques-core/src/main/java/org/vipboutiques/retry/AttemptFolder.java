package org.vipboutiques.retry;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.job.JobFolder;
import org.vipboutiques.provenance.ProvenanceRecords;

/**
 * Makes a job folder what it was before the job's first attempt, so that the next attempt does
 * nothing twice: what was there before the job (the user's own files in a folder they named) and
 * the File inputs (the links the library made, or the files themselves) stay; everything else the
 * attempt or its back end made goes, never through a link. The failed attempt's logs are kept
 * aside, as {@code .vipb-attempt-N-stdout.log} and {@code .vipb-attempt-N-stderr.log}.
 */
final class AttemptFolder {

  /** The most entries a folder may hold before the job for it to be retried (they are remembered). */
  static final int MAX_ENTRIES = 100_000;

  static final String ATTEMPT_PREFIX = ".vipb-attempt-";

  private final Path folder;
  private final Set<Path> before;
  private final Set<Path> inputs = new HashSet<>();

  private AttemptFolder(Path folder, Set<Path> before, List<String> inputValues) {
    this.folder = folder;
    this.before = before;
    for (String v : inputValues) {
      if (!v.isEmpty()) {
        Path p = folder.resolve(v).normalize();
        if (p.startsWith(folder) && !p.equals(folder)) {
          inputs.add(p);
        }
      }
    }
  }

  /**
   * The folder as it is before the first attempt, or empty when it holds more than
   * {@value #MAX_ENTRIES} entries (the job then runs once).
   */
  static Optional<AttemptFolder> before(Path folder, JobRequest request) throws IOException {
    Set<Path> existing = new HashSet<>();
    if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> all = Files.walk(folder)) { // links are not followed
        for (Path p : (Iterable<Path>) all.limit(MAX_ENTRIES + 2L)::iterator) {
          existing.add(p);
        }
      }
      if (existing.size() > MAX_ENTRIES + 1) {
        return Optional.empty();
      }
    }
    return Optional.of(new AttemptFolder(folder, existing, JobFolder.fileInputValues(request)));
  }

  /** Keeps attempt {@code number}'s logs aside and removes what it made. */
  void clean(int number) throws IOException {
    keepLog(JobFolder.STDOUT, ATTEMPT_PREFIX + number + "-stdout.log");
    keepLog(JobFolder.STDERR, ATTEMPT_PREFIX + number + "-stderr.log");
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return underInput(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!kept(file)) {
          Files.delete(file); // a link itself, never its target
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        if (!dir.equals(folder) && !kept(dir) && !holdsInput(dir)) {
          Files.delete(dir);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Whether an entry stays: there before the job, a File input or under one, or an earlier attempt's log. */
  private boolean kept(Path p) {
    if (before.contains(p) || underInput(p)) {
      return true;
    }
    Path top = folder.relativize(p).getName(0);
    return top.toString().startsWith(ATTEMPT_PREFIX) || top.toString().equals(ProvenanceRecords.HELD)
        || top.toString().equals(ProvenanceRecords.HOLD);
  }

  private boolean underInput(Path p) {
    for (Path in : inputs) {
      if (p.startsWith(in)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a folder is on the way to a File input (it stays, emptied of everything else). */
  private boolean holdsInput(Path dir) {
    for (Path in : inputs) {
      if (in.startsWith(dir) && !in.equals(dir)) {
        return true;
      }
    }
    return false;
  }

  private void keepLog(String name, String as) throws IOException {
    Path log = folder.resolve(name);
    if (Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS) && !before.contains(log)) {
      Files.move(log, folder.resolve(as), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
