package org.vipboutiques.lint;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The line on which each value of a JSON text starts, by JSON path ({@code $.inputs[2].id}).
 * The text was parsed already (within the parser's size and depth limits); where this scanner
 * meets something it does not expect it stops, and later paths have no line.
 */
final class SourceLines {

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private final String text;
  private final Map<String, Integer> lines = new HashMap<>();
  private int pos;
  private int line = 1;

  private SourceLines(String text) {
    this.text = text;
  }

  static SourceLines of(String text) {
    SourceLines s = new SourceLines(text);
    try {
      s.value("$");
    } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
      // Lines found so far are kept; the rest are unknown.
    }
    return s;
  }

  static SourceLines none() {
    return new SourceLines("");
  }

  Optional<Integer> line(String path) {
    return Optional.ofNullable(lines.get(path));
  }

  /** The path of member {@code key} of the object at {@code path}. */
  static String member(String path, String key) {
    return PLAIN_KEY.matcher(key).matches() ? path + "." + key
        : path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }

  static String item(String path, int index) {
    return path + "[" + index + "]";
  }

  private void value(String path) {
    space();
    lines.put(path, line);
    char c = text.charAt(pos);
    if (c == '{') {
      pos++;
      space();
      if (text.charAt(pos) == '}') {
        pos++;
        return;
      }
      while (true) {
        space();
        String key = string();
        space();
        expect(':');
        value(member(path, key));
        space();
        if (text.charAt(pos) == ',') {
          pos++;
          continue;
        }
        expect('}');
        return;
      }
    } else if (c == '[') {
      pos++;
      space();
      if (text.charAt(pos) == ']') {
        pos++;
        return;
      }
      for (int i = 0; ; i++) {
        value(item(path, i));
        space();
        if (text.charAt(pos) == ',') {
          pos++;
          continue;
        }
        expect(']');
        return;
      }
    } else if (c == '"') {
      string();
    } else {
      while (pos < text.length() && "{}[],: \t\r\n".indexOf(text.charAt(pos)) < 0) {
        pos++;
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        char e = text.charAt(pos++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
  }

  private void space() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private void expect(char c) {
    if (text.charAt(pos) != c) {
      throw new IllegalStateException("expected " + c + " at " + pos);
    }
    pos++;
  }
}
