package org.vipboutiques.lint;

import java.util.Objects;
import java.util.Optional;

/**
 * One warning: the file, where in it (a JSON path such as {@code $.groups[0]["mutually-exclusive"]},
 * and the line where known), what is wrong and how to fix it.
 */
public record LintWarning(LintKind kind, String source, String path, Optional<Integer> line, String message,
    String fix) {

  public LintWarning {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  /** {@code FILE:LINE: warning [KIND] at PATH: MESSAGE; fix: FIX}. */
  @Override
  public String toString() {
    return source + line.map(l -> ":" + l).orElse("") + ": warning [" + kind.code() + "] at " + path + ": " + message
        + "; fix: " + fix;
  }
}
