package org.vipboutiques.maven;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where in a JSON file the objects an error names are. Validation errors carry the ids of
 * the inputs, outputs, groups or tests they involve, not a position (the parsed tree keeps none),
 * so the line is that of the object's {@code "id"} (or a test's {@code "name"}, or an
 * invocation's key); an id found nowhere gives no line rather than a wrong one.
 */
final class Locations {

  private final String text;

  Locations(String text) {
    this.text = text;
  }

  /** The line of the first of the ids that is declared in the file, or 0. */
  int lineOfIds(List<String> ids) {
    for (String id : ids) {
      String quoted = Pattern.quote(jsonString(id));
      int line = lineOf(Pattern.compile("\"(?:id|name)\"\\s*:\\s*" + quoted));
      if (line > 0) {
        return line;
      }
    }
    return 0;
  }

  /** The line of the first of the ids used as an object key (an invocation's input), or 0. */
  int lineOfKeys(List<String> ids) {
    for (String id : ids) {
      int line = lineOf(Pattern.compile(Pattern.quote(jsonString(id)) + "\\s*:"));
      if (line > 0) {
        return line;
      }
    }
    return 0;
  }

  private int lineOf(Pattern pattern) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return 0;
    }
    int line = 1;
    for (int i = 0; i < m.start(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
