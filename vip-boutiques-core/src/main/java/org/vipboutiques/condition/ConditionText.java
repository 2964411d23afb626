package org.vipboutiques.condition;

import java.util.List;

/**
 * The reference's {@code conditionalExpFormat}: spaces around comparison operators and
 * parentheses, then Python's {@code split()}. Kept byte-for-byte, quirks included: the
 * character after a one-character operator is dropped ({@code "a>10"} reads as {@code a > 0}).
 */
public final class ConditionText {

  private ConditionText() {}

  /** The formatted expression (before splitting). */
  public static String format(String expression) throws MalformedConditionException {
    StringBuilder out = new StringBuilder(expression.length() + 16);
    int idx = 0;
    while (idx < expression.length()) {
      char c = expression.charAt(idx);
      if (c == '=' || c == '!' || c == '<' || c == '>') {
        if (idx + 1 >= expression.length()) {
          throw new MalformedConditionException(expression, "ends with the operator '" + c + "'");
        }
        out.append(' ').append(c).append(expression.charAt(idx + 1) == '=' ? '=' : ' ');
        // The next code point is consumed whatever it is.
        idx += 1 + Character.charCount(expression.codePointAt(idx + 1));
        continue;
      } else if (c == '(' || c == ')') {
        out.append(' ').append(c).append(' ');
      } else {
        out.append(c);
      }
      idx++;
    }
    return out.toString();
  }

  /** The words of the formatted expression. */
  public static List<String> words(String expression) throws MalformedConditionException {
    return PythonText.split(format(expression));
  }
}
