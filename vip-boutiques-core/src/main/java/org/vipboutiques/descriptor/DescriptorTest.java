package org.vipboutiques.descriptor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.json.JsonObject;

/**
 * A test the descriptor ships: an invocation and what its run must produce: an exit code, output
 * files (with MD5 or tolerance checks), and, by the {@code vip:} convention, patterns in what the
 * tool prints.
 */
public record DescriptorTest(
    String name, JsonObject invocation, Optional<Long> exitCode, List<OutputAssertion> outputFiles,
    List<LogAssertion> logAssertions) {

  public DescriptorTest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(invocation, "invocation");
    Objects.requireNonNull(exitCode, "exitCode");
    outputFiles = List.copyOf(outputFiles);
    logAssertions = List.copyOf(logAssertions);
  }

  /** A test of the Boutiques format alone (no log assertions). */
  public DescriptorTest(String name, JsonObject invocation, Optional<Long> exitCode, List<OutputAssertion> outputFiles) {
    this(name, invocation, exitCode, outputFiles, List.of());
  }
}
