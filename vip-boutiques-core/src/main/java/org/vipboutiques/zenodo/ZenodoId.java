package org.vipboutiques.zenodo;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Zenodo record id as the reference takes it: {@code zenodo.1234567}, or a DOI ending with
 * it ({@code 10.5281/zenodo.1234567}); only the digits name the record and its cache file.
 *
 * @param record the record's number, digits only (so it can never name another file)
 */
public record ZenodoId(String record) {

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
  private static final Pattern ID = Pattern.compile("(?i)zenodo\\.([0-9]{1,19})");

  public ZenodoId {
    if (record == null || !DIGITS.matcher(record).matches()) {
      throw new IllegalArgumentException("a Zenodo record number is 1 to 19 digits: " + record);
    }
  }

  /**
   * Whether the reference would read {@code argument} (not an existing file) as a Zenodo id:
   * "zenodo" in what comes before its last dot, whatever the case.
   */
  public static boolean looksLikeOne(String argument) {
    int dot = argument.lastIndexOf('.');
    return dot > 0 && argument.substring(0, dot).toLowerCase(Locale.ROOT).contains("zenodo");
  }

  /** {@code zenodo.N} or a DOI ending with it, if {@code text} is one. */
  public static Optional<ZenodoId> find(String text) {
    Matcher m = ID.matcher(text.substring(text.lastIndexOf('/') + 1));
    return m.matches() ? Optional.of(new ZenodoId(m.group(1))) : Optional.empty();
  }

  /** {@code text} as an id, or the reference's message. */
  public static ZenodoId parse(String text) throws ZenodoException {
    return find(text).orElseThrow(() -> new ZenodoException(ZenodoException.Kind.INVALID_ID,
        text + ": not a Zenodo id; Zenodo ids are prefixed by 'zenodo', e.g. zenodo.123456"));
  }

  /** The reference's cache file name, {@code zenodo-N.json}. */
  public String cacheFileName() {
    return "zenodo-" + record + ".json";
  }

  @Override
  public String toString() {
    return "zenodo." + record;
  }
}
