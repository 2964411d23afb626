package org.vipboutiques.json;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link JsonValue}s as text. Numbers are written as they were read, so integers stay
 * integers and {@code 1.0} stays {@code 1.0}: a descriptor written back keeps its content.
 */
public final class JsonWriter {

  private static final JsonWriter COMPACT = new JsonWriter(-1, ",", ":", false);
  private static final JsonWriter PYTHON = new JsonWriter(-1, ", ", ": ", false);

  private final int indent;
  private final String itemSeparator;
  private final String keySeparator;
  private final boolean asciiOnly;

  private JsonWriter(int indent, String itemSeparator, String keySeparator, boolean asciiOnly) {
    this.indent = indent;
    this.itemSeparator = itemSeparator;
    this.keySeparator = keySeparator;
    this.asciiOnly = asciiOnly;
  }

  /** No whitespace at all. */
  public static JsonWriter compact() {
    return COMPACT;
  }

  /** One line, with Python's {@code json.dumps} spacing: {@code {"a": 1, "b": [1, 2]}}. */
  public static JsonWriter pythonStyle() {
    return PYTHON;
  }

  /** One member per line, indented by {@code indent} spaces. */
  public static JsonWriter pretty(int indent) {
    if (indent < 0) {
      throw new IllegalArgumentException("indent must not be negative: " + indent);
    }
    return new JsonWriter(indent, ",", ": ", false);
  }

  /** The same layout, escaping every non-ASCII character as {@code \\uXXXX}. */
  public JsonWriter asciiOnly() {
    return new JsonWriter(indent, itemSeparator, keySeparator, true);
  }

  public String write(JsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0);
    return out.toString();
  }

  private void write(JsonValue value, StringBuilder out, int depth) {
    if (value instanceof JsonString s) {
      quote(s.value(), out);
    } else if (value instanceof JsonNumber n) {
      out.append(n.literal());
    } else if (value instanceof JsonBoolean b) {
      out.append(b.value());
    } else if (value instanceof JsonArray a) {
      writeArray(a.items(), out, depth);
    } else if (value instanceof JsonObject o) {
      writeObject(o.members(), out, depth);
    } else {
      out.append("null");
    }
  }

  private void writeArray(List<JsonValue> items, StringBuilder out, int depth) {
    if (items.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(itemSeparator);
      }
      newline(out, depth + 1);
      write(items.get(i), out, depth + 1);
    }
    newline(out, depth);
    out.append(']');
  }

  private void writeObject(Map<String, JsonValue> members, StringBuilder out, int depth) {
    if (members.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    Iterator<Map.Entry<String, JsonValue>> it = members.entrySet().iterator();
    boolean first = true;
    while (it.hasNext()) {
      Map.Entry<String, JsonValue> e = it.next();
      if (!first) {
        out.append(itemSeparator);
      }
      first = false;
      newline(out, depth + 1);
      quote(e.getKey(), out);
      out.append(keySeparator);
      write(e.getValue(), out, depth + 1);
    }
    newline(out, depth);
    out.append('}');
  }

  private void newline(StringBuilder out, int depth) {
    if (indent >= 0) {
      out.append('\n');
      out.append(" ".repeat(indent * depth));
    }
  }

  private void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || (asciiOnly && c > 0x7e) || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
