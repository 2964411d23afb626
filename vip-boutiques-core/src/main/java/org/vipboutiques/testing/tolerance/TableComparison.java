package org.vipboutiques.testing.tolerance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compares a text table with a reference table cell by cell: one row a line (blank lines left
 * out), cells separated by tabs, commas, semicolons or runs of spaces. Two numbers agree when
 * {@code |x - r| <= absolute + relative * |r|} (numpy's {@code isclose}, {@code r} the reference);
 * any other cell must be the same text.
 */
public final class TableComparison {

  private static final Pattern SEPARATORS = Pattern.compile("\\s*[\\t,;]\\s*|\\s+");
  // Possessive: a long run of digits that is not a number (a cell ending in a letter) is refused
  // in linear time; "\\d+\\.?\\d*" backtracked over every split of the run, quadratic.
  private static final Pattern NUMBER = Pattern.compile(
      "[+-]?+(?:\\d++\\.?+\\d*+|\\.\\d++)(?:[eE][+-]?+\\d++)?+|[+-]?+(?i:nan|inf|infinity)");

  private TableComparison() {}

  /**
   * The cells that differ, described, the first ones with their values: empty when the tables agree.
   *
   * @throws ComparisonException a file unreadable or larger than the limit
   */
  public static List<String> compare(Path table, Path reference, double relative, double absolute,
      ComparisonLimits limits) throws ComparisonException {
    List<String[]> x = rows(table, limits);
    List<String[]> r = rows(reference, limits);
    List<String> problems = new ArrayList<>();
    if (x.size() != r.size()) {
      problems.add(table + " has " + x.size() + " rows, its reference " + reference + " " + r.size());
      return problems;
    }
    long differing = 0;
    for (int i = 0; i < x.size(); i++) {
      String[] a = x.get(i);
      String[] b = r.get(i);
      if (a.length != b.length) {
        problems.add("row " + (i + 1) + " has " + a.length + " cells, the reference's " + b.length);
        differing++;
        continue;
      }
      for (int j = 0; j < a.length; j++) {
        Optional<String> d = differ(a[j], b[j], relative, absolute);
        if (d.isPresent()) {
          differing++;
          if (problems.size() < 3) {
            problems.add("row " + (i + 1) + ", column " + (j + 1) + ": " + d.get());
          }
        }
      }
    }
    if (differing > problems.size()) {
      problems.add(differing + " cells differ in all");
    }
    return problems;
  }

  private static Optional<String> differ(String a, String b, double relative, double absolute) {
    if (NUMBER.matcher(a).matches() && NUMBER.matcher(b).matches()) {
      double x = parse(a);
      double r = parse(b);
      if (x == r || Double.isNaN(x) && Double.isNaN(r)) {
        return Optional.empty();
      }
      double bound = absolute + relative * Math.abs(r);
      double diff = Math.abs(x - r);
      if (diff <= bound) {
        return Optional.empty();
      }
      return Optional.of(a + " against " + b + ": difference " + String.format(Locale.ROOT, "%.4g", diff)
          + " above the tolerance " + String.format(Locale.ROOT, "%.4g", bound) + " (relative-tolerance " + relative
          + ", absolute-tolerance " + absolute + ")");
    }
    return a.equals(b) ? Optional.empty() : Optional.of("\"" + a + "\" against \"" + b + "\"");
  }

  private static double parse(String s) {
    String t = s.toLowerCase(Locale.ROOT).replace("+", "");
    if (t.endsWith("nan")) {
      return Double.NaN;
    }
    if (t.endsWith("inf") || t.endsWith("infinity")) {
      return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.parseDouble(s);
  }

  private static List<String[]> rows(Path file, ComparisonLimits limits) throws ComparisonException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxTableBytes() + 1));
    } catch (IOException e) {
      throw new ComparisonException(file + ": cannot be read: " + e.getMessage(), e);
    }
    if (bytes.length > limits.maxTableBytes()) {
      throw new ComparisonException(file + ": more than the " + limits.maxTableBytes()
          + " bytes a table comparison reads");
    }
    List<String[]> rows = new ArrayList<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
      String t = line.strip();
      if (!t.isEmpty()) {
        rows.add(SEPARATORS.split(t));
      }
    }
    return rows;
  }
}
