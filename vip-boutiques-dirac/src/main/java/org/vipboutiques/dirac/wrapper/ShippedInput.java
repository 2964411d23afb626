package org.vipboutiques.dirac.wrapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
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

  /** The input {@code source} (a file, or a folder and its content, links followed) under {@code localName}. */
  public static ShippedInput of(String inputId, Path source, String localName, ContentHashes hashes)
      throws JobRejectedException {
    List<ShippedFile> files = new ArrayList<>();
    try {
      if (Files.isDirectory(source)) {
        try (Stream<Path> all = Files.walk(source, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
          for (Path p : (Iterable<Path>) all.sorted()::iterator) {
            String rel = source.relativize(p).toString();
            String local = rel.isEmpty() ? localName : localName + "/" + rel;
            files.add(Files.isDirectory(p) ? new ShippedFile(local, p, Optional.empty(), 0) : file(local, p, hashes));
          }
        }
      } else {
        files.add(file(localName, source, hashes));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new JobRejectedException("input \"" + inputId + "\": cannot ship " + source + ": " + e.getMessage(), e);
    }
    return new ShippedInput(inputId, source, localName, files);
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
