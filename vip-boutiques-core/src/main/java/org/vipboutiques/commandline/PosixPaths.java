package org.vipboutiques.commandline;

import java.util.ArrayList;
import java.util.List;

/** Python's {@code os.path} on POSIX, for the few functions the reference applies to paths. */
final class PosixPaths {

  private PosixPaths() {}

  /** {@code os.path.basename}: what follows the last slash. */
  static String basename(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** {@code os.path.abspath}: joined to {@code cwd} unless absolute, then normalised. */
  static String abspath(String path, String cwd) {
    String joined = path.startsWith("/") ? path : (cwd.endsWith("/") ? cwd + path : cwd + "/" + path);
    return normpath(joined);
  }

  /** {@code os.path.normpath}. */
  static String normpath(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    int initialSlashes = path.startsWith("/") ? 1 : 0;
    if (initialSlashes == 1 && path.startsWith("//") && !path.startsWith("///")) {
      initialSlashes = 2;
    }
    List<String> parts = new ArrayList<>();
    for (String comp : path.split("/", -1)) {
      if (comp.isEmpty() || comp.equals(".")) {
        continue;
      }
      if (!comp.equals("..") || (initialSlashes == 0 && parts.isEmpty())
          || (!parts.isEmpty() && parts.get(parts.size() - 1).equals(".."))) {
        parts.add(comp);
      } else if (!parts.isEmpty()) {
        parts.remove(parts.size() - 1);
      }
    }
    String joined = String.join("/", parts);
    String result = "/".repeat(initialSlashes) + joined;
    return result.isEmpty() ? "." : result;
  }
}
