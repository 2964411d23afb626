package org.vipboutiques.invocation;

import java.util.List;
import java.util.Objects;

/** One problem with an invocation: the rule, the input or group ids involved, a message. */
public record InvocationError(InvocationRule rule, List<String> ids, String message) {

  public InvocationError {
    Objects.requireNonNull(rule, "rule");
    ids = List.copyOf(ids);
    Objects.requireNonNull(message, "message");
  }

  static InvocationError of(InvocationRule rule, String message, String... ids) {
    return new InvocationError(rule, List.of(ids), message);
  }

  @Override
  public String toString() {
    return message;
  }
}
