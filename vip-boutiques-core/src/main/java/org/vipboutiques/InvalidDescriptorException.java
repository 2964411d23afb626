package org.vipboutiques;

import java.util.Objects;
import org.vipboutiques.validation.ValidationReport;

/** A descriptor that does not validate; {@link #report()} lists every error. */
public final class InvalidDescriptorException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  private final transient ValidationReport report;

  public InvalidDescriptorException(ValidationReport report) {
    super(report.source() + ": invalid descriptor\n" + report.describe());
    this.report = Objects.requireNonNull(report);
  }

  public ValidationReport report() {
    return report;
  }
}
