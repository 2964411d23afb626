package org.vipboutiques.json;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How Python sees JSON values: its {@code ==}, its {@code str()} and {@code repr()}. The
 * reference implementation of Boutiques builds command lines with {@code str()} and checks
 * choices with {@code in}; agreeing with it byte for byte means using the same rules.
 */
public final class PythonView {

  private PythonView() {}

  /**
   * Python's {@code ==}: numbers compare exactly across int and float, and booleans are the
   * integers 0 and 1.
   */
  public static boolean pyEquals(JsonValue a, JsonValue b) {
    return equal(a, b, false);
  }

  /**
   * Equality as the {@code jsonschema} package uses it for {@code enum} and
   * {@code uniqueItems}: like Python's, but booleans are never numbers.
   */
  public static boolean schemaEquals(JsonValue a, JsonValue b) {
    return equal(a, b, true);
  }

  /** Python's {@code value in values}. */
  public static boolean pyIn(JsonValue value, List<JsonValue> values) {
    for (JsonValue v : values) {
      if (pyEquals(value, v)) {
        return true;
      }
    }
    return false;
  }

  private static boolean equal(JsonValue a, JsonValue b, boolean boolsApart) {
    if (a instanceof JsonString sa) {
      return b instanceof JsonString sb && sa.value().equals(sb.value());
    }
    if (a instanceof JsonNull) {
      return b instanceof JsonNull;
    }
    if (a instanceof JsonArray aa) {
      if (!(b instanceof JsonArray ab) || aa.size() != ab.size()) {
        return false;
      }
      for (int i = 0; i < aa.size(); i++) {
        if (!equal(aa.get(i), ab.get(i), boolsApart)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof JsonObject oa) {
      if (!(b instanceof JsonObject ob) || oa.size() != ob.size()) {
        return false;
      }
      for (Map.Entry<String, JsonValue> e : oa.members().entrySet()) {
        JsonValue other = ob.members().get(e.getKey());
        if (other == null || !equal(e.getValue(), other, boolsApart)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof JsonBoolean ba && b instanceof JsonBoolean bb) {
      return ba.value() == bb.value();
    }
    if (boolsApart && (a instanceof JsonBoolean || b instanceof JsonBoolean)) {
      return false;
    }
    JsonNumber na = asNumber(a);
    JsonNumber nb = asNumber(b);
    return na != null && nb != null && na.numericallyEquals(nb);
  }

  private static JsonNumber asNumber(JsonValue v) {
    if (v instanceof JsonNumber n) {
      return n;
    }
    if (v instanceof JsonBoolean b) {
      return JsonNumber.of(b.value() ? 1 : 0);
    }
    return null;
  }

  /** Python's {@code str()} of the value: strings raw, {@code True}, {@code None}, {@code 1.0}. */
  public static String str(JsonValue value) {
    if (value instanceof JsonString s) {
      return s.value();
    }
    return repr(value);
  }

  /** Python's {@code repr()} of the value: {@code 'a'}, {@code [1, 'b']}, {@code {'k': True}}. */
  public static String repr(JsonValue value) {
    StringBuilder out = new StringBuilder();
    repr(value, out);
    return out.toString();
  }

  private static void repr(JsonValue value, StringBuilder out) {
    if (value instanceof JsonString s) {
      reprString(s.value(), out);
    } else if (value instanceof JsonNumber n) {
      out.append(n.pythonString());
    } else if (value instanceof JsonBoolean b) {
      out.append(b.value() ? "True" : "False");
    } else if (value instanceof JsonNull) {
      out.append("None");
    } else if (value instanceof JsonArray a) {
      out.append('[');
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        repr(a.get(i), out);
      }
      out.append(']');
    } else if (value instanceof JsonObject o) {
      out.append('{');
      Iterator<Map.Entry<String, JsonValue>> it = o.members().entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonValue> e = it.next();
        reprString(e.getKey(), out);
        out.append(": ");
        repr(e.getValue(), out);
        if (it.hasNext()) {
          out.append(", ");
        }
      }
      out.append('}');
    }
  }

  private static void reprString(String s, StringBuilder out) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    out.append(quote);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == quote || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (cp == '\n') {
        out.append("\\n");
      } else if (cp == '\r') {
        out.append("\\r");
      } else if (cp == '\t') {
        out.append("\\t");
      } else if (cp < 0x20 || cp == 0x7f) {
        out.append(String.format("\\x%02x", cp));
      } else if (!isPrintable(cp)) {
        if (cp <= 0xff) {
          out.append(String.format("\\x%02x", cp));
        } else if (cp <= 0xffff) {
          out.append(String.format("\\u%04x", cp));
        } else {
          out.append(String.format("\\U%08x", cp));
        }
      } else {
        out.appendCodePoint(cp);
      }
    }
    out.append(quote);
  }

  private static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    int type = Character.getType(cp);
    return !(type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SPACE_SEPARATOR);
  }
}
