package org.vipboutiques.testing.tolerance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Searches a tool's log for a pattern, within bounds: at most {@link ComparisonLimits#maxLogBytes}
 * bytes are read, and a pattern that backtracks without end on the text is stopped (after a
 * number of steps proportional to the text's length) with a clear error rather than hanging the
 * test run.
 */
public final class LogSearch {

  /** Character reads allowed per character of text, plus a constant: generous for any sane pattern; 256 let a catastrophic pattern on a 16 MiB log run 4 billion reads (over 2 minutes). */
  private static final long STEPS_PER_CHAR = 32;
  private static final long BASE_STEPS = 1L << 24;

  private LogSearch() {}

  /** The log file's text (UTF-8, malformed bytes replaced). */
  public static String read(Path log, String what, ComparisonLimits limits) throws ComparisonException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(log)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxLogBytes() + 1));
    } catch (IOException e) {
      throw new ComparisonException(what + " (" + log + ") cannot be read: " + e.getMessage(), e);
    }
    if (bytes.length > limits.maxLogBytes()) {
      throw new ComparisonException(what + " (" + log + ") is larger than the " + limits.maxLogBytes()
          + " bytes a pattern is searched in");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Whether {@code pattern} is found in {@code text}.
   *
   * @throws ComparisonException the pattern took too many steps on this text
   */
  public static boolean find(Pattern pattern, String text, String what) throws ComparisonException {
    Budgeted budgeted = new Budgeted(text, BASE_STEPS + STEPS_PER_CHAR * text.length());
    try {
      return pattern.matcher(budgeted).find();
    } catch (Exhausted e) {
      throw new ComparisonException("the pattern \"" + pattern.pattern() + "\" took more than " + budgeted.budget
          + " steps on " + what + " (" + text.length() + " characters): it backtracks too much; make it simpler");
    } catch (StackOverflowError e) {
      // java.util.regex recurses per repetition of a group: a long run of matches exhausts the stack.
      throw new ComparisonException("the pattern \"" + pattern.pattern() + "\" recursed too deeply on " + what + " ("
          + text.length() + " characters): avoid repeating a group with alternatives, e.g. (a|b)+ -> [ab]+");
    }
  }

  private static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted() {
      super(null, null, false, false);
    }
  }

  /** The text, counting the reads the regex engine makes of it. */
  private static final class Budgeted implements CharSequence {
    private final String text;
    private final long budget;
    private final long[] steps;
    private final int start;
    private final int end;

    Budgeted(String text, long budget) {
      this(text, budget, new long[1], 0, text.length());
    }

    private Budgeted(String text, long budget, long[] steps, int start, int end) {
      this.text = text;
      this.budget = budget;
      this.steps = steps;
      this.start = start;
      this.end = end;
    }

    @Override
    public char charAt(int index) {
      if (++steps[0] > budget) {
        throw new Exhausted();
      }
      return text.charAt(start + index);
    }

    @Override
    public int length() {
      return end - start;
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      return new Budgeted(text, budget, steps, start + from, start + to);
    }

    @Override
    public String toString() {
      return text.substring(start, end);
    }
  }
}
