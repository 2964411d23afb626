package org.vipboutiques.descriptor;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A test's expectation on what the tool printed ({@code "vip:stdout-matches"},
 * {@code "vip:stderr-not-matches"}, ... in a test's {@code assertions}): a Java regular
 * expression that must (or must not) be found somewhere in the stream, with {@code ^} and
 * {@code $} matching at line ends.
 *
 * @param expected whether the pattern must be found ({@code -matches}) or must not ({@code -not-matches})
 */
public record LogAssertion(Stream stream, Pattern pattern, boolean expected) {

  /** The two streams of a tool. */
  public enum Stream {
    STDOUT("stdout"),
    STDERR("stderr");

    private final String json;

    Stream(String json) {
      this.json = json;
    }

    /** {@code stdout} or {@code stderr}. */
    public String json() {
      return json;
    }
  }

  public LogAssertion {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(pattern, "pattern");
  }

  /** The key of this kind of assertion in a test's {@code assertions}. */
  public String key() {
    return key(stream, expected);
  }

  static String key(Stream stream, boolean expected) {
    return "vip:" + stream.json() + (expected ? "-matches" : "-not-matches");
  }
}
