package org.vipboutiques.maven;

import java.nio.file.Path;
import java.util.List;
import org.vipboutiques.BoutiquesException;
import org.vipboutiques.lint.DescriptorLint;
import org.vipboutiques.lint.LintWarning;

/**
 * The portability lint of a valid descriptor (core's {@link DescriptorLint}, as
 * {@code vip-boutiques lint} runs it), each warning a {@link Problem} so that it prints as
 * {@code file:line: [kind] at PATH: what; fix: how}.
 */
final class PortabilityLint {

  private PortabilityLint() {}

  /**
   * The warnings of {@code descriptor}, which the caller has already validated: a file that turns
   * out unreadable or invalid here has no warnings (its errors are the validation's to report).
   */
  static List<Problem> warnings(Path descriptor) {
    try {
      return DescriptorLint.lint(descriptor).warnings().stream().map(w -> problem(descriptor, w)).toList();
    } catch (BoutiquesException e) {
      return List.of();
    }
  }

  static Problem problem(Path file, LintWarning w) {
    return new Problem(file, w.line().orElse(0),
        "[" + w.kind().code() + "] at " + w.path() + ": " + w.message() + "; fix: " + w.fix());
  }
}
