package org.vipboutiques.validation;

import java.util.List;
import java.util.Objects;

/**
 * One broken rule: which rule, the input, output, group or test ids it involves, and a message
 * in the reference implementation's style ({@code InputError: "a" must have a command-line flag}).
 */
public record ValidationError(Rule rule, List<String> ids, String message) {

  public ValidationError {
    Objects.requireNonNull(rule, "rule");
    ids = List.copyOf(ids);
    Objects.requireNonNull(message, "message");
  }

  static ValidationError of(Rule rule, String message, String... ids) {
    return new ValidationError(rule, List.of(ids), rule.kind() + ": " + message);
  }

  @Override
  public String toString() {
    return message;
  }
}
