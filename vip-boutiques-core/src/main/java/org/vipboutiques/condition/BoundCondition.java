package org.vipboutiques.condition;

import java.util.ArrayList;
import java.util.List;

/**
 * A condition of a conditional-path-template with the invocation's values bound to it: the
 * template's words are code, each value is one literal (a number when it reads as one, as the
 * reference decides, else a string as given). The reference pastes values into the code it
 * hands to {@code eval}, so a value with a quote could rewrite the condition, and a megabyte of
 * digits took minutes to read; here no value is ever read as code.
 */
public final class BoundCondition {

  /** Words never hold white space (they come from Python's {@code split()}): a line break marks a value. */
  private static final char VALUE = '\n';
  private static final int SHOWN = 40;

  private final StringBuilder code = new StringBuilder();
  private final List<String> values = new ArrayList<>();

  /** Adds a word of the template, as code. */
  public BoundCondition word(String word) throws MalformedConditionException {
    if (word.indexOf(VALUE) >= 0) {
      throw new MalformedConditionException(word, "has a line break");
    }
    separate();
    code.append(word);
    return this;
  }

  /** Adds a value, as data. */
  public BoundCondition value(String text) {
    separate();
    code.append(VALUE);
    values.add(text);
    return this;
  }

  private void separate() {
    if (code.length() > 0) {
      code.append(' ');
    }
  }

  /** Whether the condition is exactly this one word of code, with no value. */
  public boolean is(String word) {
    return values.isEmpty() && code.toString().equals(word);
  }

  /** Evaluates the condition with Python's semantics ({@link PythonExpression}). */
  public boolean isTrue() throws MalformedConditionException {
    return PythonExpression.isTrue(code.toString(), values, toString());
  }

  /** The condition as the reference would have pasted it, each value shortened to its start. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == VALUE) {
        String v = values.get(next++);
        String quote = PythonText.isDigit(v.replace(".", "").replace("-", "")) ? "" : "\"";
        out.append(quote).append(abbreviate(v)).append(quote);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A value as messages show it: its first characters and its length when it is long. */
  static String abbreviate(String value) {
    if (value.length() <= SHOWN) {
      return value;
    }
    return value.substring(0, SHOWN) + "...(" + value.length() + " characters)";
  }
}
