package org.vipboutiques.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.Durations;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.testing.ToolTestOutcome;
import org.vipboutiques.testing.ToolTestRunner;

/**
 * Runs the {@code tests} of the project's descriptors on an executor, as {@code vip-boutiques test}
 * and {@code BoutiquesTests} do (the library's {@link ToolTestRunner}): each descriptor test is a
 * test case of {@code TEST-boutiques-test.FILE.xml}, and a failing one fails the build. Relative
 * input files are found beside the descriptor; job folders go under {@code jobsDirectory}.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.TEST, threadSafe = true)
public final class TestMojo extends AbstractBoutiquesMojo {

  /** The executor: {@code local}, or one whose module is added to the plugin's dependencies. */
  @Parameter(property = "vipboutiques.executor", defaultValue = "local")
  String executor;

  /** The executor's settings (as {@code --set KEY=VALUE} on the command line). */
  @Parameter
  Map<String, String> executorSettings = Map.of();

  /** Where the job folders go. */
  @Parameter(property = "vipboutiques.jobsDirectory", defaultValue = "${project.build.directory}/boutiques-tests")
  File jobsDirectory;

  /** Runs the command on the host even when the descriptor names a container image. */
  @Parameter(property = "vipboutiques.noContainer", defaultValue = "false")
  boolean noContainer;

  /** A bound on each test's run ({@code 90s}, {@code 10m}, {@code 2h}); none by default. */
  @Parameter(property = "vipboutiques.timeout")
  String timeout;

  /** Skips this goal only. */
  @Parameter(property = "vipboutiques.test.skip", defaultValue = "false")
  boolean skip;

  /** Skips the tests, as Surefire's {@code -DskipTests} does. */
  @Parameter(property = "skipTests", defaultValue = "false")
  boolean skipTests;

  /** Skips the tests, as {@code -Dmaven.test.skip} does. */
  @Parameter(property = "maven.test.skip", defaultValue = "false")
  boolean mavenTestSkip;

  /** Reports failing tests without failing the build, as Surefire's option of the same name. */
  @Parameter(property = "maven.test.failure.ignore", defaultValue = "false")
  boolean testFailureIgnore;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip || skipTests || mavenTestSkip) {
      getLog().info("Boutiques tests are skipped.");
      return;
    }
    Duration bound = parseTimeout();
    BoutiquesFiles files = files();
    Boutiques boutiques = Boutiques.create();
    Checker checker = new Checker(boutiques);
    int run = 0;
    List<String> failed = new ArrayList<>();
    int errors = 0;
    for (Path file : files.descriptors()) {
      String fileName = name(file);
      FileCheck check = checker.descriptor(file);
      List<ReportCase> cases = new ArrayList<>();
      if (check.descriptor().isEmpty()) {
        String problems = String.join("\n", check.problems().stream().map(p -> p.describe(base())).toList());
        cases.add(ReportCase.error(fileName, "descriptor is valid", 0, problems));
        check.problems().forEach(p -> getLog().error(p.describe(base())));
        failed.add(fileName + ": invalid descriptor");
        errors++;
        run++;
      } else {
        Descriptor descriptor = check.descriptor().get();
        if (descriptor.tests().isEmpty()) {
          getLog().info(fileName + ": the descriptor has no tests");
          continue;
        }
        for (ToolTestOutcome o : runTests(descriptor, file, bound)) {
          run++;
          double seconds = o.result().map(r -> r.duration().toMillis() / 1000.0).orElse(0.0);
          String jobFolder = o.result().map(r -> " (job folder " + r.workDirectory() + ")").orElse("");
          if (o.passed()) {
            cases.add(ReportCase.passed(fileName, o.name(), seconds));
            getLog().info("PASS " + fileName + ": " + o.name());
          } else {
            String why = String.join("; ", o.problems()) + jobFolder;
            boolean couldNotRun = o.result().isEmpty();
            cases.add(couldNotRun ? ReportCase.error(fileName, o.name(), seconds, why)
                : ReportCase.failed(fileName, o.name(), seconds, why));
            errors += couldNotRun ? 1 : 0;
            getLog().error("FAIL " + fileName + ": " + o.name() + ": " + why);
            failed.add(fileName + ", test \"" + o.name() + "\": " + why);
          }
        }
      }
      try {
        SurefireReport.write(reportsDirectory.toPath(), "boutiques-test." + fileName, cases);
      } catch (IOException e) {
        throw new MojoExecutionException("cannot write the report in " + reportsDirectory + ": " + e.getMessage(), e);
      }
    }
    String summary = "Boutiques tests run: " + run + ", Failures: " + (failed.size() - errors) + ", Errors: " + errors;
    if (failed.isEmpty()) {
      getLog().info(summary);
      return;
    }
    getLog().error(summary);
    if (testFailureIgnore) {
      return;
    }
    throw new MojoFailureException("There are Boutiques test failures (reports in " + name(reportsDirectory.toPath())
        + "):\n" + String.join("\n", failed));
  }

  private List<ToolTestOutcome> runTests(Descriptor descriptor, Path file, Duration bound)
      throws MojoExecutionException {
    ExecutorConfig config = ExecutorConfig.builder(executor).baseDirectory(jobsDirectory.toPath())
        .settings(executorSettings == null ? Map.of() : executorSettings).build();
    Path beside = file.getParent();
    try (JobExecutor jobs = JobExecutors.create(config)) {
      return new ToolTestRunner(Boutiques.create(), jobs, b -> adjust(b, beside, bound))
          .referenceDirectory(beside).runAll(descriptor);
    } catch (ExecutorUnavailableException | IllegalArgumentException e) {
      throw new MojoExecutionException("cannot use the " + executor + " executor: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted while running the tests of " + name(file), e);
    }
  }

  private JobRequest.Builder adjust(JobRequest.Builder b, Path inputs, Duration bound) {
    b.inputDirectory(inputs);
    if (noContainer) {
      b.noContainer();
    }
    if (bound != null) {
      b.timeout(bound);
    }
    if (executorSettings != null) {
      executorSettings.forEach(b::option);
    }
    return b;
  }

  private Duration parseTimeout() throws MojoExecutionException {
    if (timeout == null || timeout.isBlank()) {
      return null;
    }
    try {
      return Durations.parse(timeout.strip());
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("timeout: " + e.getMessage(), e);
    }
  }
}
