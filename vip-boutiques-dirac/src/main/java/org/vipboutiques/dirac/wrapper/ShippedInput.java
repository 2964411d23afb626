package org.vipboutiques.dirac.wrapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Locale;
import org.vipboutiques.dirac.DiracSettings;
import org.vipboutiques.execution.JobRejectedException;

/**
 * A local file or folder given to a File input, shipped to the worker in the job's input sandbox
 * and found there under {@code localName}, the name the command line uses.
 *
 * @param source the client's file or folder, absolute
 * @param files what travels: the file, or the folder and everything in it
 */
public record ShippedInput(String inputId, Path source, String localName, List<ShippedFile> files) {

  public ShippedInput {
    Objects.requireNonNull(inputId, "inputId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(localName, "localName");
    files = List.copyOf(files);
  }

  /**
   * The input {@code source} (a file, or a folder and its content, links followed) under
   * {@code localName}. Types and sizes are checked before any content is read: anything but
   * regular files and folders (a device such as {@code /dev/zero}, a FIFO, a socket, a dangling
   * link), a link loop, or more than {@code budget} bytes in all is refused at once.
   *
   * @param budget the bytes this input may add to the sandbox (what sandbox-input-limit leaves)
   * @param limit sandbox-input-limit, for the message
   */
  public static ShippedInput of(String inputId, Path source, String localName, ContentHashes hashes, long budget,
      long limit) throws JobRejectedException {
    List<Found> found = new ArrayList<>();
    try {
      Files.walkFileTree(source, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            long total;

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              found.add(new Found(local(source, dir, localName), dir, -1));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
              if (!attrs.isRegularFile()) {
                throw new Refused("input \"" + inputId + "\": " + file + " is not a regular file or folder ("
                    + (attrs.isSymbolicLink() ? "a dangling link" : "a device, FIFO or socket") + "); only files and"
                    + " folders travel in the input sandbox");
              }
              total += attrs.size();
              if (total > budget) {
                throw new Refused(String.format(Locale.ROOT, "input \"%s\": %s holds more than %.1f MiB, more than"
                    + " sandbox-input-limit (%.1f MiB, with the job's other local inputs) lets travel in the input"
                    + " sandbox: put it on a storage element and pass it as lfn:/<vo>/..., or raise"
                    + " sandbox-input-limit (at most %d MiB)", inputId, source, budget / 1048576.0, limit / 1048576.0,
                    DiracSettings.MAX_SANDBOX_INPUT_LIMIT / 1048576));
              }
              found.add(new Found(local(source, file, localName), file, attrs.size()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof FileSystemLoopException) {
                throw new Refused("input \"" + inputId + "\": " + file + " is a link to a folder that holds it"
                    + " (a link loop); remove the link or give a folder without loops");
              }
              throw e;
            }
          });
    } catch (Refused e) {
      throw new JobRejectedException(e.getMessage());
    } catch (IOException e) {
      throw new JobRejectedException("input \"" + inputId + "\": cannot ship " + source + ": " + e, e);
    }
    found.sort(java.util.Comparator.comparing(Found::path));
    List<ShippedFile> files = new ArrayList<>();
    try {
      for (Found f : found) {
        files.add(f.size < 0 ? new ShippedFile(f.local, f.path, Optional.empty(), 0) : file(f.local, f.path, hashes));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new JobRejectedException("input \"" + inputId + "\": cannot ship " + source + ": " + e.getMessage(), e);
    }
    return new ShippedInput(inputId, source, localName, files);
  }

  private record Found(String local, Path path, long size) {}

  /** A refusal found while walking: carried out of the visitor, then rethrown as a rejection. */
  private static final class Refused extends IOException {
    Refused(String message) {
      super(message);
    }
  }

  private static String local(Path source, Path p, String localName) {
    String rel = source.relativize(p).toString();
    return rel.isEmpty() ? localName : localName + "/" + rel;
  }

  private static ShippedFile file(String local, Path p, ContentHashes hashes) throws IOException {
    ContentHashes.Hashed h = hashes.of(p);
    return new ShippedFile(local, p, Optional.of(h.sha256()), h.size());
  }

  /** The bytes this input adds to the sandbox, before compression. */
  public long bytes() {
    return files.stream().mapToLong(ShippedFile::size).sum();
  }
}
