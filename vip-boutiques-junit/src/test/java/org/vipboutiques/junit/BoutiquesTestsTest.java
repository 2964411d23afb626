package org.vipboutiques.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.testkit.engine.EngineTestKit;

class BoutiquesTestsTest {

  /** What a tool's build would write; run here through the JUnit test kit. */
  static class ToolBuild {
    @TestFactory
    Stream<DynamicTest> descriptorTests() throws URISyntaxException {
      Path descriptor = Path.of(BoutiquesTestsTest.class.getResource("/counter.json").toURI());
      return BoutiquesTests.of(descriptor).executor("local").dynamicTests();
    }
  }

  @Test
  void eachDescriptorTestIsADynamicTestWithItsVerdict() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(ToolBuild.class)).execute()
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(displayName("counts three lines"), finishedSuccessfully()))
        .haveExactly(1, event(displayName("a missing input fails"),
            finishedWithFailure(message(m -> m.contains("exit code") && m.contains("expected 0")))));
  }
}
