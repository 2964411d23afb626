package org.vipboutiques.lint;

import java.util.List;
import java.util.Objects;
import org.vipboutiques.validation.ValidationReport;

/**
 * The lint of one descriptor: its validation (a descriptor that is not valid is not linted) and
 * the warnings, in document order.
 */
public record LintReport(String source, ValidationReport validation, List<LintWarning> warnings) {

  public LintReport {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(validation, "validation");
    warnings = List.copyOf(warnings);
  }

  public boolean valid() {
    return validation.valid();
  }
}
