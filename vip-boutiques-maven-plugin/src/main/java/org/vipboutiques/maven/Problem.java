package org.vipboutiques.maven;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One error in one file, at a 1-based line where it is known (0 when not): printed as
 * {@code file:line: message}, the form IDEs and CI logs turn into links.
 */
record Problem(Path file, int line, String message) {

  Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  /** The line, as a compiler prints it, with the message on one line. */
  String describe(Path base) {
    String name = base.relativize(file).toString();
    return name + (line > 0 ? ":" + line : "") + ": " + message.replace("\n", " ").strip();
  }
}
