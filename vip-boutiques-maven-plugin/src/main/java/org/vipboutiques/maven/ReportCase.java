package org.vipboutiques.maven;

import java.util.Objects;
import java.util.Optional;

/**
 * One test case of a report: passed when {@code failure} is empty; {@code error} marks a case
 * that could not be run (Surefire's {@code <error>}) rather than one that failed; {@code output}
 * is its {@code <system-out>} (lint warnings of a valid descriptor), empty for none.
 */
record ReportCase(String className, String name, double seconds, Optional<String> failure, boolean error,
    String output) {

  ReportCase {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(output, "output");
  }

  ReportCase(String className, String name, double seconds, Optional<String> failure, boolean error) {
    this(className, name, seconds, failure, error, "");
  }

  /** The same case with {@code text} as its {@code <system-out>}. */
  ReportCase withOutput(String text) {
    return new ReportCase(className, name, seconds, failure, error, text);
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
