package org.vipboutiques.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The table {@code bosh search} prints: python-tabulate's {@code tablefmt="plain"} with
 * {@code headers="keys"}. Columns are typed as tabulate types them (booleans, integers, floats,
 * text; a column is its most general cell), numbers flush right on their decimal point, text
 * flush left and stripped; each column at least two wider than its header; two spaces between
 * columns, no spaces at the end of a line; cells with line breaks span lines. Widths count code points (tabulate with
 * {@code wcwidth} counts East Asian wide characters twice).
 */
final class PlainTable {

  private enum Type { BOOL, INT, FLOAT, TEXT }

  private static final Pattern INT = Pattern.compile("\\s*[+-]?\\d+(_\\d+)*\\s*", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern FLOAT = Pattern.compile(
      "\\s*[+-]?((\\d+(_\\d+)*(\\.(\\d+(_\\d+)*)?)?|\\.\\d+(_\\d+)*)([eE][+-]?\\d+(_\\d+)*)?|inf|infinity|nan)\\s*",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern LINE_BREAK = Pattern.compile("[\r\n]");

  private PlainTable() {}

  static String render(List<String> headers, List<List<Object>> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    int n = headers.size();
    StringBuilder plain = new StringBuilder(String.join("\t", headers));
    rows.forEach(r -> r.forEach(v -> plain.append('\t').append(str(v))));
    boolean multiline = LINE_BREAK.matcher(plain).find();
    List<List<String>> columns = new ArrayList<>();
    List<Boolean> numeric = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      final int col = c;
      Type type = rows.stream().map(r -> type(r.get(col))).reduce(Type.BOOL, (a, b) -> a.ordinal() >= b.ordinal() ? a : b);
      List<String> cells = rows.stream().map(r -> format(r.get(col), type)).toList();
      boolean isNumber = type == Type.INT || type == Type.FLOAT;
      numeric.add(isNumber);
      columns.add(align(cells, isNumber, width(headers.get(c), multiline) + 2, multiline));
    }
    List<String> lines = new ArrayList<>();
    List<String> headerCells = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      int w = columns.get(c).stream().mapToInt(s -> width(s, multiline)).max().orElse(0);
      w = Math.max(w, width(headers.get(c), multiline) + 2);
      headerCells.add(numeric.get(c) ? padLeft(w, headers.get(c)) : padRight(w, headers.get(c)));
    }
    lines.add(rstrip(String.join("  ", headerCells)));
    for (int r = 0; r < rows.size(); r++) {
      if (!multiline) {
        List<String> cells = new ArrayList<>();
        for (List<String> column : columns) {
          cells.add(column.get(r));
        }
        lines.add(rstrip(String.join("  ", cells)));
        continue;
      }
      List<List<String>> cellLines = new ArrayList<>();
      int height = 0;
      for (List<String> column : columns) {
        List<String> l = splitLines(column.get(r));
        cellLines.add(l);
        height = Math.max(height, l.size());
      }
      for (int i = 0; i < height; i++) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < n; c++) {
          List<String> l = cellLines.get(c);
          int w = columns.get(c).stream().mapToInt(s -> width(s, true)).max().orElse(0);
          cells.add(i < l.size() ? l.get(i) : " ".repeat(w));
        }
        lines.add(rstrip(String.join("  ", cells)));
      }
    }
    return String.join("\n", lines);
  }

  private static List<String> align(List<String> cells, boolean numeric, int minWidth, boolean multiline) {
    List<String> strings;
    if (numeric) {
      int[] decimals = cells.stream().mapToInt(PlainTable::afterPoint).toArray();
      int max = Arrays.stream(decimals).max().orElse(-1);
      strings = new ArrayList<>();
      for (int i = 0; i < cells.size(); i++) {
        strings.add(cells.get(i) + " ".repeat(max - decimals[i]));
      }
    } else {
      strings = cells.stream().map(PlainTable::pythonStrip).toList();
    }
    int width = Math.max(minWidth, strings.stream().mapToInt(s -> width(s, multiline)).max().orElse(0));
    List<String> out = new ArrayList<>();
    for (String s : strings) {
      if (multiline) {
        List<String> padded = splitLines(s).stream().map(l -> numeric ? padLeft(width, l) : padRight(width, l)).toList();
        out.add(String.join("\n", padded));
      } else {
        out.add(numeric ? padLeft(width, s) : padRight(width, s));
      }
    }
    return out;
  }

  private static Type type(Object v) {
    if (v instanceof Boolean) {
      return Type.BOOL;
    }
    if (v instanceof BigInteger || v instanceof Integer || v instanceof Long) {
      return Type.INT;
    }
    String s = str(v);
    if (s.equals("True") || s.equals("False")) {
      return Type.BOOL;
    }
    if (INT.matcher(s).matches()) {
      return Type.INT;
    }
    if (FLOAT.matcher(s).matches()) {
      String t = s.strip().toLowerCase(Locale.ROOT).replace("_", "");
      if (t.contains("inf") || t.contains("nan")) {
        return List.of("inf", "-inf", "nan").contains(t) ? Type.FLOAT : Type.TEXT;
      }
      return Double.isInfinite(Double.parseDouble(t)) ? Type.TEXT : Type.FLOAT;
    }
    return Type.TEXT;
  }

  private static String format(Object v, Type type) {
    if (type == Type.FLOAT) {
      String t = str(v).strip().toLowerCase(Locale.ROOT).replace("_", "");
      if (t.endsWith("inf") || t.endsWith("infinity")) {
        return t.startsWith("-") ? "-inf" : "inf";
      }
      if (t.endsWith("nan")) {
        return "nan";
      }
      return pythonG(new BigDecimal(t.startsWith("+") ? t.substring(1) : t));
    }
    return str(v);
  }

  /** Python's {@code format(x, "g")}: 6 significant digits, trailing zeros dropped. */
  static String pythonG(BigDecimal x) {
    if (x.signum() == 0) {
      return "0";
    }
    BigDecimal r = x.round(new MathContext(6, RoundingMode.HALF_EVEN));
    int exponent = r.precision() - r.scale() - 1;
    if (exponent >= -4 && exponent < 6) {
      String s = r.setScale(Math.max(0, 5 - exponent), RoundingMode.HALF_EVEN).toPlainString();
      return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
    BigDecimal mantissa = r.movePointLeft(exponent);
    String m = mantissa.toPlainString();
    m = m.contains(".") ? m.replaceAll("0+$", "").replaceAll("\\.$", "") : m;
    return m + (exponent < 0 ? "e-" : "e+") + String.format("%02d", Math.abs(exponent));
  }

  private static int afterPoint(String s) {
    if (type(s) == Type.INT || !(type(s) == Type.FLOAT)) {
      return -1;
    }
    int pos = s.lastIndexOf('.');
    if (pos < 0) {
      pos = s.toLowerCase(Locale.ROOT).lastIndexOf('e');
    }
    return pos >= 0 ? s.length() - pos - 1 : -1;
  }

  private static String str(Object v) {
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    return String.valueOf(v);
  }

  /** tabulate ends each row with Python's {@code rstrip()}. */
  private static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && isPythonSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Python's {@code str.strip()}: whitespace as Python sees it. */
  private static String pythonStrip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isPythonSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isPythonSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isPythonSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || (c >= 0x1c && c <= 0x1f) || c == 0x85;
  }

  /** Python's {@code str.splitlines()}. */
  private static List<String> splitLines(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) >= 0) {
        out.add(s.substring(start, i));
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < s.length()) {
      out.add(s.substring(start));
    }
    return out;
  }

  private static int width(String s, boolean multiline) {
    if (!multiline) {
      return s.codePointCount(0, s.length());
    }
    return Arrays.stream(LINE_BREAK.split(s, -1)).mapToInt(l -> l.codePointCount(0, l.length())).max().orElse(0);
  }

  private static String padLeft(int width, String s) {
    int w = s.codePointCount(0, s.length());
    return w >= width ? s : " ".repeat(width - w) + s;
  }

  private static String padRight(int width, String s) {
    int w = s.codePointCount(0, s.length());
    return w >= width ? s : s + " ".repeat(width - w);
  }
}
