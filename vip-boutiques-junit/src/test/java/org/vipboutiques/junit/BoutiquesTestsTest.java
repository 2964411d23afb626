package org.vipboutiques.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

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

  /**
   * Surefire 3.5.3 counts a test under the class of its source; a file source (the descriptor)
   * made it drop the tests, so a failing descriptor test passed the build (SUREFIRE-2299). Each
   * test's source must be the factory method, which every Surefire 3.x and Gradle report under
   * the test class. The real builds are in vip-boutiques-examples' ConsumerBuildIT.
   */
  @Test
  void eachDescriptorTestIsReportedUnderItsFactoryMethod() {
    List<Event> finished = EngineTestKit.engine("junit-jupiter").selectors(selectClass(ToolBuild.class)).execute()
        .testEvents().finished().list();
    assertEquals(2, finished.size());
    for (Event e : finished) {
      TestSource source = e.getTestDescriptor().getSource().orElseThrow();
      assertTrue(source instanceof MethodSource, e.getTestDescriptor().getDisplayName() + ": " + source);
      assertEquals(ToolBuild.class.getName(), ((MethodSource) source).getClassName());
      assertEquals("descriptorTests", ((MethodSource) source).getMethodName());
    }
  }
}
