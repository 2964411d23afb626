package org.vipboutiques.descriptor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.json.JsonObject;

/** A test the descriptor ships: an invocation and what its run must produce. */
public record DescriptorTest(
    String name, JsonObject invocation, Optional<Long> exitCode, List<OutputAssertion> outputFiles) {

  public DescriptorTest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(invocation, "invocation");
    outputFiles = List.copyOf(outputFiles);
  }
}
