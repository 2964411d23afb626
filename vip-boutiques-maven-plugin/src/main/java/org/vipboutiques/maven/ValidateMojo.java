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
 * The report, {@code TEST-boutiques-validate.xml}, has a test case per file.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class ValidateMojo extends AbstractBoutiquesMojo {

  /** Skips the goal. */
  @Parameter(property = "vipboutiques.validate.skip", defaultValue = "false")
  boolean skip;

  /** Reports invalid files without failing the build. */
  @Parameter(property = "vipboutiques.validate.failureIgnore", defaultValue = "false")
  boolean failureIgnore;

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
    int invalid = 0;
    for (Path d : files.descriptors()) {
      long start = System.nanoTime();
      FileCheck check = checker.descriptor(d);
      invalid += record(check, "descriptor", start, cases, problems);
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
    int valid = cases.size() - invalid;
    String summary = "Boutiques files: " + cases.size() + ", valid: " + valid + ", invalid: " + invalid
        + " (report " + name(report) + ")";
    if (invalid == 0) {
      getLog().info(summary);
      return;
    }
    problems.forEach(p -> getLog().error(p.describe(base())));
    getLog().error(summary);
    if (failureIgnore) {
      return;
    }
    throw new MojoFailureException(invalid + " invalid Boutiques file(s), " + problems.size()
        + " error(s):\n" + String.join("\n", problems.stream().map(p -> p.describe(base())).toList()));
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
