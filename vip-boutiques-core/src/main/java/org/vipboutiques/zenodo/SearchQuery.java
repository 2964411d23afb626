package org.vipboutiques.zenodo;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The reference's search of Zenodo ({@code Searcher}, {@code ZenodoHelper.zenodo_search}): records
 * with the keywords Boutiques, schema-version and version, software with JSON files, and the
 * user's terms as regular expressions (each term matched anywhere, whatever the case; or, with
 * {@code exact}, the whole query as one expression), first page of 25.
 *
 * @param query the user's words ({@code boutiques} when none, as {@code bosh search})
 * @param exact the query as one expression ({@code --exact}; what {@code pull} searches with)
 */
public record SearchQuery(String query, boolean exact) {

  /** Zenodo's limit for a request without a token; the reference always asks for one page of it. */
  public static final int PAGE_SIZE = 25;

  private static final String FILTER = "keywords:(/Boutiques/) AND keywords:(/schema.*/) AND keywords:(/version.*/)";
  private static final String HEX = "0123456789ABCDEF";

  public SearchQuery {
    if (query == null) {
      query = "";
    }
  }

  /** The reference's {@code query_line}: what follows the keyword filter in {@code q}. */
  public String queryLine() {
    if (exact) {
      return " AND (/" + query.replace('/', '.') + "/)";
    }
    StringBuilder line = new StringBuilder();
    for (String term : query.replace('/', '.').split(" ", -1)) {
      StringBuilder uncased = new StringBuilder();
      term.codePoints().forEach(cp -> {
        String ch = new String(Character.toChars(cp));
        uncased.append('[').append(Character.isLetter(cp)
            ? ch.toUpperCase(Locale.ROOT) + ch.toLowerCase(Locale.ROOT) : ch).append(']');
      });
      line.append(" AND (/.*").append(pythonQuote(uncased.toString())).append(".*/)");
    }
    return line.toString();
  }

  /** The path and query of the search, relative to the server's base URL. */
  public String pathAndQuery() {
    return "/api/records/?q=" + encode(FILTER) + encode(queryLine())
        + "&file_type=json&type=software&page=1&size=" + PAGE_SIZE;
  }

  /** The search as the reference prints it ({@code GET request:}): not yet escaped for a URL. */
  public String requestText() {
    return "/api/records/?q=" + FILTER + queryLine() + "&file_type=json&type=software&page=1&size=" + PAGE_SIZE;
  }

  /** Python's {@code urllib.parse.quote} with its default safe characters. */
  static String pythonQuote(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_.-~/".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
      }
    }
    return out.toString();
  }

  /**
   * What requests sends for this part of {@code q} (spaces as %20, escapes kept), except that
   * characters that would end the parameter ({@code & # +}) are escaped too: the server reads the
   * same words, and a query cannot add parameters.
   */
  static String encode(String s) {
    StringBuilder out = new StringBuilder();
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xff;
      boolean escape = c == '%' && i + 2 < bytes.length && HEX.indexOf(Character.toUpperCase(bytes[i + 1])) >= 0
          && HEX.indexOf(Character.toUpperCase(bytes[i + 2])) >= 0;
      if (escape || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~!$'()*,;:@/?=".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
      }
    }
    return out.toString();
  }
}
