package org.vipboutiques.condition;

import org.vipboutiques.BoutiquesException;

/**
 * A conditional-path-template expression that cannot be read or evaluated (the reference
 * implementation crashes on these).
 */
public class MalformedConditionException extends BoutiquesException {

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
