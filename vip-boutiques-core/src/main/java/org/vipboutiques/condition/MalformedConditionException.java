package org.vipboutiques.condition;

/**
 * A conditional-path-template expression that cannot be read or evaluated (the reference
 * implementation crashes on these).
 */
public class MalformedConditionException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String expression;

  public MalformedConditionException(String expression, String reason) {
    super("condition \"" + expression + "\" " + reason);
    this.expression = expression;
  }

  public String expression() {
    return expression;
  }
}
