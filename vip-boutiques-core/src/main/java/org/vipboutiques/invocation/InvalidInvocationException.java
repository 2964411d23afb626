package org.vipboutiques.invocation;

import java.util.List;
import java.util.stream.Collectors;
import org.vipboutiques.BoutiquesException;

/** An invocation that the descriptor does not accept; {@link #errors()} says why. */
public final class InvalidInvocationException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  private final transient List<InvocationError> errors;

  public InvalidInvocationException(List<InvocationError> errors) {
    super(errors.stream().map(InvocationError::message).collect(Collectors.joining("\n")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid invocation has at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  public List<InvocationError> errors() {
    return errors;
  }
}
