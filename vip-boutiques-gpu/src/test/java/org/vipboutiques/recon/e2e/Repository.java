package org.vipboutiques.recon.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the repository's descriptors and the reference bosh are, seen from a test run. */
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

  /** The reference implementation's bosh: $BOSH, ../shared/reference-impl/bosh, or bosh on the PATH. */
  static Optional<Path> bosh() {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getenv("BOSH")).map(Path::of).ifPresent(candidates::add);
    candidates.add(root().resolveSibling("shared").resolve("reference-impl/bosh"));
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "bosh"));
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst()
        .filter(b -> Files.isExecutable(Path.of("/usr/bin/python3")) || !b.toString().contains("reference-impl"));
  }
}
