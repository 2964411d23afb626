package org.vipboutiques.zenodo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The table {@code bosh search} prints, built as the reference's {@code Searcher} builds it:
 * deprecated records left out (unless verbose), values longer than 40 characters cut with
 * "..." (unless {@code noTrunc}), sorted by downloads, most first (ties keep Zenodo's order),
 * then the first {@code max} (10 by default, 25 at most).
 *
 * @param columns the column names ({@code ID TITLE DESCRIPTION DOWNLOADS}, more when verbose)
 * @param rows the values: {@link String}, {@link BigInteger} (downloads) or {@link Boolean}
 * @param summary the line printed before the table ({@code [ INFO ] Showing 3 of 5 result(s)...})
 */
public record SearchListing(List<String> columns, List<List<Object>> rows, String summary) {

  public static final List<String> COLUMNS = List.of("ID", "TITLE", "DESCRIPTION", "DOWNLOADS");
  public static final List<String> VERBOSE_COLUMNS = List.of("ID", "TITLE", "DESCRIPTION", "PUBLICATION DATE",
      "DEPRECATED", "DOWNLOADS", "AUTHOR", "VERSION", "DOI", "SCHEMA VERSION", "CONTAINER", "TAGS");
  private static final int TRUNCATE = 40;

  public SearchListing {
    columns = List.copyOf(columns);
    rows = rows.stream().map(r -> List.copyOf(r)).toList();
  }

  /**
   * @param max the {@code --max} given, or {@code null} for the default 10 (more than 25 is 25;
   *     zero or less is Python's slice, as in the reference)
   */
  public static SearchListing of(SearchResults results, Integer max, boolean verbose, boolean noTrunc) {
    int limit = max == null ? 10 : Math.min(max, 25);
    List<List<Object>> rows = new ArrayList<>();
    List<BigInteger> downloads = new ArrayList<>();
    long deprecated = 0;
    for (ZenodoRecord r : results.records()) {
      boolean isDeprecated = r.keywords().contains("deprecated");
      if (isDeprecated) {
        deprecated++;
      }
      String description = r.description().orElse("No description available");
      List<Object> row = new ArrayList<>();
      if (verbose) {
        String schema = "";
        String container = "None";
        List<String> other = new ArrayList<>();
        for (String k : r.keywords()) {
          String[] parts = k.split(":", -1);
          if (parts[0].equals("schema-version")) {
            schema = parts.length > 1 ? parts[1] : "";
          } else if (k.equalsIgnoreCase("docker") || k.equalsIgnoreCase("singularity")) {
            container = k;
          } else {
            other.add(k);
          }
        }
        row.add(ascii("zenodo." + r.id()));
        row.add(ascii(r.title()));
        row.add(ascii(description));
        row.add(ascii(r.publicationDate()));
        row.add(other.contains("deprecated"));
        row.add(r.downloads());
        row.add(ascii(r.author()));
        row.add(ascii(r.version().orElse("unknown")));
        row.add(ascii(r.doi()));
        row.add(ascii(schema));
        row.add(ascii(container));
        row.add(ascii(String.join(",", other)));
      } else {
        if (isDeprecated) {
          continue;
        }
        row.add("zenodo." + r.id());
        row.add(r.title());
        row.add(description);
        row.add(r.downloads());
      }
      downloads.add(r.downloads());
      if (!noTrunc) {
        row.replaceAll(SearchListing::truncate);
      }
      rows.add(row);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing((Integer i) -> downloads.get(i)).reversed());
    List<List<Object>> sorted = order.stream().map(rows::get).toList();
    int end = limit >= 0 ? Math.min(limit, sorted.size()) : Math.max(0, sorted.size() + limit);
    List<List<Object>> shown = sorted.subList(0, end);
    int showing = shown.size() < limit ? shown.size() : limit;
    String summary = String.format("[ INFO ] Showing %d of %d result(s)%s", showing,
        verbose ? results.total() : results.total() - deprecated,
        verbose ? "." : ", excluding " + deprecated + " deprecated result(s).");
    return new SearchListing(verbose ? VERBOSE_COLUMNS : COLUMNS, shown, summary);
  }

  /** The reference's {@code truncate}: a value longer than 40 characters becomes its first 40 and "...". */
  private static Object truncate(Object v) {
    String s = v instanceof Boolean b ? (b ? "True" : "False") : v.toString();
    if (s.codePointCount(0, s.length()) > TRUNCATE) {
      return s.substring(0, s.offsetByCodePoints(0, TRUNCATE)) + "...";
    }
    return v;
  }

  /** Python's {@code encode("ascii", "xmlcharrefreplace")}, which the reference's verbose listing applies. */
  private static String ascii(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(cp -> {
      if (cp < 128) {
        out.append((char) cp);
      } else {
        out.append("&#").append(cp).append(';');
      }
    });
    return out.toString();
  }
}
