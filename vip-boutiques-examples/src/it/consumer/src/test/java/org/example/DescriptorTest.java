package org.example;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.vipboutiques.junit.BoutiquesTests;

class DescriptorTest {
  @TestFactory
  Stream<DynamicTest> descriptorTests() {
    return BoutiquesTests.of(Path.of("descriptors/counter.json")).executor("local").dynamicTests();
  }
}
