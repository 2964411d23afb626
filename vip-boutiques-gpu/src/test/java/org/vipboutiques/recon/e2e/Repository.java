package org.vipboutiques.recon.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the repository's descriptors are, seen from a test run. */
final class Repository {
  private Repository() {
  }

  /** The repository root: the first parent of the working directory holding descriptors/ and vip-boutiques-gpu/. */
  static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("descriptors")) && Files.isDirectory(p.resolve("vip-boutiques-gpu"))) {
        return p;
      }
    }
    throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
  }

  static List<Path> descriptors() {
    try (Stream<Path> s = Files.list(root().resolve("descriptors"))) {
      return s.filter(p -> p.getFileName().toString().matches("vip-recon-.*\\.json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
