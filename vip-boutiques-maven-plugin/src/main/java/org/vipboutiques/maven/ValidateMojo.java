package org.vipboutiques.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.vipboutiques.Boutiques;

/**
 * Validates the project's descriptors and invocations as {@code vip-boutiques validate} does; a
 * build with an invalid one fails, each error on a line of its own ({@code file:line: message}).
 * The report, {@code TEST-boutiques-validate.xml}, has a test case per file. Valid descriptors are
 * also linted for portability ({@code vip-boutiques lint}): warnings by default, errors with
 * {@code lintStrict}.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class ValidateMojo extends AbstractBoutiquesMojo {

  /** Skips the goal. */
  @Parameter(property = "vipboutiques.validate.skip", defaultValue = "false")
  boolean skip;

  /** Reports invalid files without failing the build. */
  @Parameter(property = "vipboutiques.validate.failureIgnore", defaultValue = "false")
  boolean failureIgnore;

  /**
   * Lints valid descriptors for portability (as {@code vip-boutiques lint}): each warning a
   * {@code [WARNING] file:line: ...} line and in the file's test case's {@code <system-out>}.
   */
  @Parameter(property = "vipboutiques.lint", defaultValue = "true")
  boolean lint;

  /**
   * Fails the build on lint warnings (as {@code vip-boutiques lint --strict}); each linted
   * descriptor with warnings gets a failed {@code descriptor is portable} test case in the report.
   */
  @Parameter(property = "vipboutiques.lint.strict", defaultValue = "false")
  boolean lintStrict;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Boutiques validation is skipped.");
      return;
    }
    BoutiquesFiles files = files();
    if (files.descriptors().isEmpty() && files.invocations().isEmpty()) {
      getLog().info("No Boutiques descriptors in " + name(files.directory()));
      return;
    }
    Checker checker = new Checker(Boutiques.create());
    List<ReportCase> cases = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<Problem> warnings = new ArrayList<>();
    int invalid = 0;
    int unportable = 0;
    for (Path d : files.descriptors()) {
      long start = System.nanoTime();
      FileCheck check = checker.descriptor(d);
      invalid += record(check, "descriptor", start, cases, problems);
      if (check.valid() && (lint || lintStrict)) {
        unportable += lint(d, cases, warnings);
      }
    }
    for (Path i : files.invocations()) {
      long start = System.nanoTime();
      Optional<Path> descriptor = files.descriptorOf(i);
      FileCheck check = checker.invocation(i, descriptor);
      invalid += record(check, "invocation", start, cases, problems);
    }
    Path report;
    try {
      report = SurefireReport.write(reportsDirectory.toPath(), "boutiques-validate", cases);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write the report in " + reportsDirectory + ": " + e.getMessage(), e);
    }
    int checked = cases.size() - (lintStrict ? unportable : 0);
    String summary = "Boutiques files: " + checked + ", valid: " + (checked - invalid) + ", invalid: " + invalid
        + (lint || lintStrict ? ", lint warnings: " + warnings.size() : "") + " (report " + name(report) + ")";
    warnings.forEach(w -> getLog().warn(w.describe(base())));
    boolean lintFails = lintStrict && !warnings.isEmpty();
    if (invalid == 0 && !lintFails) {
      getLog().info(summary);
      return;
    }
    problems.forEach(p -> getLog().error(p.describe(base())));
    getLog().error(summary);
    if (failureIgnore) {
      return;
    }
    if (invalid == 0) {
      throw new MojoFailureException(warnings.size() + " portability warning(s) in " + unportable
          + " descriptor(s) and lintStrict is set: fix them, or set <lintStrict>false</lintStrict>"
          + " (-Dvipboutiques.lint.strict=false) to keep them as warnings");
    }
    throw new MojoFailureException(invalid + " invalid Boutiques file(s), " + problems.size()
        + " error(s):\n" + String.join("\n", problems.stream().map(p -> p.describe(base())).toList()));
  }

  /**
   * Lints one valid descriptor: its warnings go to {@code warnings} and into the {@code <system-out>}
   * of its test case (the last of {@code cases}); with {@code lintStrict}, a failed
   * {@code descriptor is portable} case too. Returns 1 when it has warnings.
   */
  private int lint(Path descriptor, List<ReportCase> cases, List<Problem> warnings) {
    long start = System.nanoTime();
    List<Problem> found = PortabilityLint.warnings(descriptor);
    if (found.isEmpty()) {
      return 0;
    }
    warnings.addAll(found);
    String text = String.join("\n", found.stream().map(p -> p.describe(base())).toList());
    int last = cases.size() - 1;
    cases.set(last, cases.get(last).withOutput(text));
    if (lintStrict) {
      cases.add(ReportCase.failed(name(descriptor), "descriptor is portable", (System.nanoTime() - start) / 1e9,
          text));
    }
    return 1;
  }

  private int record(FileCheck check, String kind, long start, List<ReportCase> cases, List<Problem> problems) {
    double seconds = (System.nanoTime() - start) / 1e9;
    String file = name(check.file());
    if (check.valid()) {
      cases.add(ReportCase.passed(file, kind + " is valid", seconds));
      getLog().debug(file + ": valid");
      return 0;
    }
    problems.addAll(check.problems());
    cases.add(ReportCase.failed(file, kind + " is valid", seconds,
        String.join("\n", check.problems().stream().map(p -> p.describe(base())).toList())));
    return 1;
  }
}
