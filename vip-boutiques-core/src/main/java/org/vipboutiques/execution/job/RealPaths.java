package org.vipboutiques.execution.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a path really leads, links followed: the job folder promise (nothing written outside it)
 * is about real paths, and the job folder holds links to the user's inputs.
 */
final class RealPaths {

  private RealPaths() {}

  /**
   * The real place of {@code path} (its longest existing start resolved with links followed,
   * the rest appended) when that is outside {@code folder}'s real place; empty when inside.
   */
  static Optional<Path> outside(Path folder, Path path) {
    try {
      Path root = folder.toRealPath();
      Path real = real(path);
      return real.startsWith(root) ? Optional.empty() : Optional.of(real);
    } catch (IOException e) {
      return Optional.of(path);
    }
  }

  private static Path real(Path path) throws IOException {
    Path existing = path;
    Path rest = null;
    while (existing != null && !Files.exists(existing)) {
      Path name = existing.getFileName();
      rest = rest == null ? name : name.resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    Path real = existing.toRealPath();
    // A dangling link at the end: where it points is where a write would go.
    if (rest != null) {
      Path first = existing.resolve(rest.getName(0));
      if (Files.isSymbolicLink(first)) {
        Path target = Files.readSymbolicLink(first);
        Path resolved = real.resolve(target).normalize();
        return rest.getNameCount() > 1 ? resolved.resolve(rest.subpath(1, rest.getNameCount())) : resolved;
      }
      return real.resolve(rest).normalize();
    }
    return real;
  }
}
