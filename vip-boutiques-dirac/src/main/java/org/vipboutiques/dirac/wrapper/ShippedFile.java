package org.vipboutiques.dirac.wrapper;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One file (or folder) of a {@link ShippedInput}: where it goes under the worker's run folder and,
 * for a file, its content's SHA-256, under which the sandbox holds it once however many jobs use it.
 *
 * @param localPath the path under the run folder, relative
 * @param source the client's file
 * @param sha256 empty for a folder, which the wrapper creates
 * @param size bytes (0 for a folder)
 */
public record ShippedFile(String localPath, Path source, Optional<String> sha256, long size) {

  public ShippedFile {
    Objects.requireNonNull(localPath, "localPath");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sha256, "sha256");
    if (localPath.isEmpty() || localPath.startsWith("/") || localPath.contains("\t") || localPath.contains("\n")) {
      throw new IllegalArgumentException("a shipped file's local path must be relative, without tab or line break: "
          + localPath);
    }
    if (size < 0) {
      throw new IllegalArgumentException("size < 0");
    }
  }

  /** The sandbox entry holding this file's content. */
  public Optional<String> sandboxEntry() {
    return sha256.map(h -> GridJobPlanner.SHIPPED_FOLDER + h);
  }
}
