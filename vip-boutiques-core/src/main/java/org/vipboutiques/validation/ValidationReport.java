package org.vipboutiques.validation;

import java.util.List;
import java.util.stream.Collectors;

/** The outcome of validating one descriptor: valid when there are no errors. */
public record ValidationReport(String source, List<ValidationError> errors) {

  public ValidationReport {
    errors = List.copyOf(errors);
  }

  public boolean valid() {
    return errors.isEmpty();
  }

  /** The errors, one per line. */
  public String describe() {
    return errors.stream().map(ValidationError::message).collect(Collectors.joining("\n"));
  }
}
