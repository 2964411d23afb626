package org.vipboutiques.maven;

import java.util.Objects;
import java.util.Optional;

/**
 * One test case of a report: passed when {@code failure} is empty; {@code error} marks a case
 * that could not be run (Surefire's {@code <error>}) rather than one that failed.
 */
record ReportCase(String className, String name, double seconds, Optional<String> failure, boolean error) {

  ReportCase {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(failure, "failure");
  }

  static ReportCase passed(String className, String name, double seconds) {
    return new ReportCase(className, name, seconds, Optional.empty(), false);
  }

  static ReportCase failed(String className, String name, double seconds, String message) {
    return new ReportCase(className, name, seconds, Optional.of(message), false);
  }

  static ReportCase error(String className, String name, double seconds, String message) {
    return new ReportCase(className, name, seconds, Optional.of(message), true);
  }
}
