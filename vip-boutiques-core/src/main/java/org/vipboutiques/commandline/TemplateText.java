package org.vipboutiques.commandline;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A template being filled: its text, and which characters were inserted as values. Value-keys
 * are looked for only in the template's own characters, so an inserted value is never scanned
 * again: a value that contains another input's value-key (or part of one) stays as given, where
 * the reference would replace the key inside it (and so, on a command line, could run a second
 * value unquoted). The template's own text is still scanned key by key in the reference's order,
 * so its quirks on the template text hold. Immutable.
 */
final class TemplateText {

  private final String text;
  /** Characters that came from a value; never part of a key. */
  private final BitSet sealed;

  private TemplateText(String text, BitSet sealed) {
    this.text = text;
    this.sealed = sealed;
  }

  /** A template's own text, every character open to key replacement. */
  static TemplateText of(String template) {
    return new TemplateText(template, new BitSet());
  }

  /** Text whose every character is a value. */
  static TemplateText sealed(String value) {
    BitSet bits = new BitSet();
    bits.set(0, value.length());
    return new TemplateText(value, bits);
  }

  boolean isEmpty() {
    return text.isEmpty();
  }

  /** Whether the template's own characters hold {@code key}. */
  boolean containsKey(String key) {
    return indexOfKey(key, 0) >= 0;
  }

  /** The index of the first occurrence of {@code key} in the template's own characters, or -1. */
  int indexOfKey(String key) {
    return indexOfKey(key, 0);
  }

  private int indexOfKey(String key, int from) {
    int i = text.indexOf(key, from);
    while (i >= 0 && !open(i, i + key.length())) {
      i = text.indexOf(key, i + 1);
    }
    return i;
  }

  private boolean open(int from, int to) {
    int s = sealed.nextSetBit(from);
    return s < 0 || s >= to;
  }

  /** Whether {@code " " + key} occurs with the key in the template's own characters. */
  boolean containsSpacedKey(String key) {
    return indexOfSpacedKey(key, 0) >= 0;
  }

  /**
   * The index of the space before an occurrence of the key. The space may be the last
   * character of a value: the reference drops it too, and dropping a space executes nothing.
   */
  private int indexOfSpacedKey(String key, int from) {
    int i = indexOfKey(key, from + 1);
    while (i >= 1 && (text.charAt(i - 1) != ' ' || key.isEmpty() && sealed.get(i - 1))) {
      i = indexOfKey(key, i + 1);
    }
    return i >= 1 ? i - 1 : -1;
  }

  /** Python's {@code template.replace(key, value)}, the key matched in the template's own text. */
  TemplateText replaceKey(String key, String value) {
    return replaceAll(key, value, false);
  }

  /** Python's {@code template.replace(" " + key, "")}, the key matched in the template's own text. */
  TemplateText removeSpacedKey(String key) {
    return replaceAll(key, "", true);
  }

  private TemplateText replaceAll(String key, String value, boolean spaced) {
    if (key.isEmpty() && !spaced) {
      return insertEverywhere(value);
    }
    StringBuilder out = new StringBuilder(text.length());
    BitSet bits = new BitSet();
    int from = 0;
    int at = spaced ? indexOfSpacedKey(key, 0) : indexOfKey(key, 0);
    int matchLength = key.length() + (spaced ? 1 : 0);
    while (at >= 0) {
      copy(from, at, out, bits);
      int start = out.length();
      out.append(value);
      bits.set(start, out.length());
      from = at + matchLength;
      at = spaced ? indexOfSpacedKey(key, from) : indexOfKey(key, from);
    }
    if (from == 0) {
      return this;
    }
    copy(from, text.length(), out, bits);
    return new TemplateText(out.toString(), bits);
  }

  /**
   * Python's {@code replace("", value)}: the value between every two characters and at both
   * ends, except inside a value.
   */
  private TemplateText insertEverywhere(String value) {
    StringBuilder out = new StringBuilder();
    BitSet bits = new BitSet();
    for (int p = 0; p <= text.length(); p++) {
      boolean insideValue = p > 0 && p < text.length() && sealed.get(p - 1) && sealed.get(p);
      if (!insideValue) {
        int start = out.length();
        out.append(value);
        bits.set(start, out.length());
      }
      if (p < text.length()) {
        copy(p, p + 1, out, bits);
      }
    }
    return new TemplateText(out.toString(), bits);
  }

  private void copy(int from, int to, StringBuilder out, BitSet bits) {
    int start = out.length();
    out.append(text, from, to);
    for (int s = sealed.nextSetBit(from); s >= 0 && s < to; s = sealed.nextSetBit(s + 1)) {
      bits.set(start + s - from);
    }
  }

  private TemplateText slice(int from, int to) {
    return new TemplateText(text.substring(from, to), sealed.get(from, to));
  }

  private TemplateText concat(TemplateText other) {
    BitSet bits = (BitSet) sealed.clone();
    for (int s = other.sealed.nextSetBit(0); s >= 0; s = other.sealed.nextSetBit(s + 1)) {
      bits.set(text.length() + s);
    }
    return new TemplateText(text + other.text, bits);
  }

  /**
   * {@code os.path.abspath} (joined to {@code cwd} unless absolute, then {@code normpath}), each
   * character keeping its origin: components are kept, dropped or popped whole, so values stay
   * values.
   */
  TemplateText abspath(String cwd) {
    TemplateText joined = text.startsWith("/") ? this
        : of(cwd.endsWith("/") ? cwd : cwd + "/").concat(this);
    String path = joined.text;
    if (path.isEmpty()) {
      return of(".");
    }
    int initialSlashes = path.startsWith("/") ? 1 : 0;
    if (initialSlashes == 1 && path.startsWith("//") && !path.startsWith("///")) {
      initialSlashes = 2;
    }
    List<TemplateText> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= path.length(); i++) {
      if (i < path.length() && path.charAt(i) != '/') {
        continue;
      }
      String comp = path.substring(start, i);
      TemplateText piece = joined.slice(start, i);
      start = i + 1;
      if (comp.isEmpty() || comp.equals(".")) {
        continue;
      }
      if (!comp.equals("..") || (initialSlashes == 0 && parts.isEmpty())
          || (!parts.isEmpty() && parts.get(parts.size() - 1).text.equals(".."))) {
        parts.add(piece);
      } else if (!parts.isEmpty()) {
        parts.remove(parts.size() - 1);
      }
    }
    TemplateText result = of("/".repeat(initialSlashes));
    for (int k = 0; k < parts.size(); k++) {
      result = result.concat(k == 0 ? parts.get(k) : of("/").concat(parts.get(k)));
    }
    return result.isEmpty() ? of(".") : result;
  }

  @Override
  public String toString() {
    return text;
  }
}
