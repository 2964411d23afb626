package org.vipboutiques.junit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.DescriptorTest;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.testing.ToolTestOutcome;
import org.vipboutiques.testing.ToolTestRunner;

/**
 * The tests a Boutiques descriptor ships, as JUnit 5 dynamic tests, for a tool's own build:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> descriptorTests() {
 *   return BoutiquesTests.of(Path.of("descriptors/my-tool.json")).executor("docker").dynamicTests();
 * }
 * }</pre>
 *
 * Each test launches its invocation on the executor (relative input files are found beside the
 * descriptor) and checks the exit code, that the listed outputs exist, and their MD5, and the
 * project's {@code vip:} assertions: outputs within tolerance of reference files found beside the
 * descriptor ({@code vip:reference}: NIfTI RMSE, NMSE or max abs; text tables), and patterns in
 * stdout and stderr ({@code vip:stdout-matches}, ...). A test
 * whose invocation is invalid fails with the reasons. The executor module must be on the test
 * class path ({@code vip-boutiques-local}, {@code -docker}, ...).
 */
public final class BoutiquesTests {

  private final Path descriptor;
  private ExecutorConfig config;
  private Path inputDirectory;
  private UnaryOperator<JobRequest.Builder> requests = UnaryOperator.identity();

  private BoutiquesTests(Path descriptor) {
    this.descriptor = descriptor.toAbsolutePath().normalize();
    this.inputDirectory = this.descriptor.getParent();
    this.config = ExecutorConfig.builder("local").baseDirectory(Path.of("target", "boutiques-tests")).build();
  }

  /** The tests of the descriptor at {@code descriptor}. */
  public static BoutiquesTests of(Path descriptor) {
    return new BoutiquesTests(Objects.requireNonNull(descriptor, "descriptor"));
  }

  /** Runs them on the named executor (default {@code local}), job folders under {@code target/boutiques-tests}. */
  public BoutiquesTests executor(String name) {
    this.config = ExecutorConfig.builder(name).baseDirectory(config.baseDirectory()).settings(config.settings()).build();
    return this;
  }

  /** Runs them on an executor made from this configuration. */
  public BoutiquesTests executor(ExecutorConfig executorConfig) {
    this.config = Objects.requireNonNull(executorConfig, "executorConfig");
    return this;
  }

  /** Where relative input files are (default: the descriptor's folder). */
  public BoutiquesTests inputDirectory(Path folder) {
    this.inputDirectory = Objects.requireNonNull(folder, "folder");
    return this;
  }

  /** Adjusts every job request (a timeout, back-end options). */
  public BoutiquesTests requests(UnaryOperator<JobRequest.Builder> adjust) {
    this.requests = Objects.requireNonNull(adjust, "adjust");
    return this;
  }

  /** One dynamic test per test of the descriptor; the executor is closed with the stream. */
  public Stream<DynamicTest> dynamicTests() {
    Boutiques boutiques = Boutiques.create();
    Descriptor d;
    try {
      d = boutiques.load(descriptor);
    } catch (Exception e) {
      return Stream.of(DynamicTest.dynamicTest(descriptor.getFileName() + " is valid",
          () -> Assertions.fail(e.getMessage())));
    }
    JobExecutor[] executor = new JobExecutor[1];
    List<DynamicTest> tests = new ArrayList<>();
    for (DescriptorTest t : d.tests()) {
      // No test source URI on purpose: a file URI source makes Surefire 3.5.3 drop the test from its
      // counts (SUREFIRE-2299: a failing descriptor test passed the build). Without one, JUnit gives
      // each test the @TestFactory method's MethodSource, which every Surefire 3.x and Gradle count.
      tests.add(DynamicTest.dynamicTest(t.name(), () -> {
        if (executor[0] == null) {
          executor[0] = JobExecutors.create(config);
        }
        ToolTestOutcome outcome = new ToolTestRunner(boutiques, executor[0],
            b -> requests.apply(b.inputDirectory(inputDirectory))).referenceDirectory(descriptor.getParent()).run(d, t);
        if (!outcome.passed()) {
          Assertions.fail(descriptor.getFileName() + ", test \"" + t.name() + "\": "
              + String.join("; ", outcome.problems())
              + outcome.result().map(r -> " (job folder " + r.workDirectory() + ")").orElse(""));
        }
      }));
    }
    return tests.stream().onClose(() -> {
      if (executor[0] != null) {
        executor[0].close();
      }
    });
  }
}
