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

/** BoutiquesTests checks the vip: assertions, with reference files beside the descriptor. */
class ToleranceAssertionsTest {

  static class ToolBuild {
    @TestFactory
    Stream<DynamicTest> descriptorTests() throws URISyntaxException {
      Path descriptor = Path.of(ToleranceAssertionsTest.class.getResource("/tolerance/counter-tolerance.json").toURI());
      return BoutiquesTests.of(descriptor).executor("local").dynamicTests();
    }
  }

  @Test
  void toleranceAndLogAssertionsGiveTheVerdictAndSayWhy() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(ToolBuild.class)).execute()
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(displayName("within a relative tolerance of the reference beside the descriptor"),
            finishedSuccessfully()))
        .haveExactly(1, event(displayName("outside a tight tolerance"), finishedWithFailure(message(m ->
            m.startsWith("counter-tolerance.json, test \"outside a tight tolerance\": output \"count\" (")
                && m.contains("count.tsv) differs from the reference ")
                && m.contains("tolerance/reference/count.tsv: row 1, column 2: 3 against 3.0000001: difference")
                && m.contains("(relative-tolerance 1.0E-9, absolute-tolerance 0.0)")))))
        .haveExactly(1, event(displayName("a pattern that must not be found"), finishedWithFailure(message(m ->
            m.contains("stdout matches \"count\" (vip:stdout-not-matches): \"counted\"")))));
  }
}
