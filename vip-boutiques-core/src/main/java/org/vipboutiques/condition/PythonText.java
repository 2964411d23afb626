package org.vipboutiques.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Python's string predicates and {@code split()}, as the reference uses them on conditional
 * path templates. Java's {@code Character.isWhitespace} and friends differ on a few characters.
 */
public final class PythonText {

  private static final Set<String> KEYWORDS = Set.of(
      "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
      "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
      "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
      "try", "while", "with", "yield");

  private PythonText() {}

  /** Python's {@code keyword.iskeyword}. */
  public static boolean isKeyword(String word) {
    return KEYWORDS.contains(word);
  }

  /** Python's {@code str.isspace} for one code point. */
  public static boolean isSpace(int cp) {
    if (cp == 0x85 || cp == 0xA0 || cp == 0x2007 || cp == 0x202F) {
      return true;
    }
    return Character.isWhitespace(cp) || Character.getType(cp) == Character.SPACE_SEPARATOR;
  }

  /** Python's {@code str.split()} with no argument: runs of whitespace separate, ends trimmed. */
  public static List<String> split(String s) {
    List<String> words = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      int start = i;
      while (i < n && !isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      if (i > start) {
        words.add(s.substring(start, i));
      }
    }
    return words;
  }

  /** Python's {@code str.strip()} with no argument. */
  public static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  /** Python's {@code str.isdigit}: non-empty, every character a digit (Unicode). */
  public static boolean isDigit(String s) {
    if (s.isEmpty()) {
      return false;
    }
    return s.codePoints().allMatch(PythonText::isDigitChar);
  }

  /** Python's {@code str.isalnum}: non-empty, every character a letter or a number. */
  public static boolean isAlnum(String s) {
    if (s.isEmpty()) {
      return false;
    }
    return s.codePoints().allMatch(cp -> Character.isLetter(cp) || isNumericChar(cp));
  }

  private static boolean isDigitChar(int cp) {
    int type = Character.getType(cp);
    // Python's isdigit covers decimal digits and other digits such as superscripts.
    return type == Character.DECIMAL_DIGIT_NUMBER
        || (type == Character.OTHER_NUMBER && Character.digit(cp, 10) >= 0)
        || (cp >= 0x00B2 && cp <= 0x00B3) || cp == 0x00B9;
  }

  private static boolean isNumericChar(int cp) {
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }
}
