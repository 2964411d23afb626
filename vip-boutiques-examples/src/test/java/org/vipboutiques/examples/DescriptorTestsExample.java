package org.vipboutiques.examples;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.vipboutiques.junit.BoutiquesTests;

/**
 * docs/execution.md's descriptor tests in a tool's build, on Docker; compiled here, and the same
 * call on the local executor is built by ConsumerBuildIT.
 */
final class DescriptorTestsExample {
  // tag::descriptor-tests[]
  @TestFactory
  Stream<DynamicTest> descriptorTests() {
    return BoutiquesTests.of(Path.of("descriptors/my-tool.json")).executor("docker").dynamicTests();
  }
  // end::descriptor-tests[]
}
