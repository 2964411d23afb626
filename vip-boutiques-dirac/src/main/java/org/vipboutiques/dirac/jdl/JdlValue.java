package org.vipboutiques.dirac.jdl;

import java.util.List;
import java.util.Objects;

/** A JDL attribute value: a quoted string, an integer, or a list of quoted strings. */
public sealed interface JdlValue permits JdlValue.Str, JdlValue.Int, JdlValue.Strs {

  /** The value as JDL text: {@code "x"}, {@code 12}, {@code {"a","b"}}. */
  String toJdl();

  static Str of(String s) {
    return new Str(s);
  }

  static Int of(long n) {
    return new Int(n);
  }

  static Strs of(List<String> items) {
    return new Strs(items);
  }

  /** A quoted string. */
  record Str(String value) implements JdlValue {
    public Str {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toJdl() {
      return '"' + value + '"';
    }
  }

  /** An integer (DIRAC refuses {@code 86400.0} where it wants an integer). */
  record Int(long value) implements JdlValue {
    @Override
    public String toJdl() {
      return Long.toString(value);
    }
  }

  /** A list of quoted strings. */
  record Strs(List<String> items) implements JdlValue {
    public Strs {
      items = List.copyOf(items);
    }

    @Override
    public String toJdl() {
      StringBuilder sb = new StringBuilder(2 + items.size() * 16).append('{');
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append('"').append(items.get(i)).append('"');
      }
      return sb.append('}').toString();
    }
  }
}
