package org.vipboutiques.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.vipboutiques.Boutiques;
import org.vipboutiques.InvalidDescriptorException;
import org.vipboutiques.commandline.Simulation;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.PythonView;
import org.vipboutiques.validation.ValidationReport;

/**
 * Holds the implementation against the reference's answers: one dynamic test per descriptor of
 * {@code validation.json} and per case of {@code cases.json}, in the oracle folder given by
 * {@code -Dboutiques.oracle} (by default {@code ../shared/conformance/boutiques}).
 */
public class ConformanceTest {

  private static final Boutiques BOUTIQUES = Boutiques.create();

  private static Optional<Oracle> oracle() {
    return Oracle.locate().map(Oracle::new);
  }

  @TestFactory
  Stream<DynamicTest> descriptorsAreJudgedAsTheReferenceJudgesThem() throws Exception {
    Optional<Oracle> oracle = oracle();
    assumeTrue(oracle.isPresent(), "no conformance oracle folder here");
    return descriptorTests(oracle.get());
  }

  @TestFactory
  Stream<DynamicTest> casesBuildTheReferenceCommandLines() throws Exception {
    Optional<Oracle> oracle = oracle();
    assumeTrue(oracle.isPresent(), "no conformance oracle folder here");
    return caseTests(oracle.get());
  }

  /** One test per descriptor of the oracle's {@code validation.json}. */
  static Stream<DynamicTest> descriptorTests(Oracle oracle) throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonObject entry : oracle.validation()) {
      String path = entry.string("descriptor").orElseThrow();
      boolean expected = Oracle.expectedValid(entry);
      tests.add(DynamicTest.dynamicTest(path + (expected ? " is valid" : " is invalid"), () -> {
        ValidationReport report = BOUTIQUES.validate(oracle.fixture(path));
        if (expected) {
          assertTrue(report.valid(), () -> "expected valid, got:\n" + report.describe());
        } else {
          assertFalse(report.valid(), () -> "expected invalid (" + entry.string("errors").orElse("") + ")");
          report.errors().forEach(e -> assertFalse(e.message().isBlank(), "errors say what is wrong"));
        }
      }));
    }
    return tests.stream();
  }

  /** One test per case of the oracle's {@code cases.json}. */
  static Stream<DynamicTest> caseTests(Oracle oracle) throws Exception {
    Map<String, Descriptor> descriptors = new LinkedHashMap<>();
    List<DynamicTest> tests = new ArrayList<>();
    List<JsonObject> deviations = Oracle.deviations();
    int index = 0;
    for (JsonObject recorded : oracle.cases()) {
      // Where one of our deliberate deviations applies, the right answer replaces the reference's.
      JsonObject entry = deviations.stream().filter(d -> Oracle.sameCase(d, recorded)).findFirst()
          .map(d -> recorded.with("command-line", d.members().get("command-line"))
              .with("output-files", d.members().get("output-files"))
              .with("config-files", d.get("config-files").orElse(JsonObject.EMPTY)))
          .orElse(recorded);
      String path = entry.string("descriptor").orElseThrow();
      String origin = entry.string("origin").orElse("?");
      boolean expected = Oracle.expectedValid(entry);
      int n = index++;
      tests.add(DynamicTest.dynamicTest("#" + n + " " + path + " <- " + origin, () -> {
        Descriptor descriptor = descriptors.computeIfAbsent(path, p -> load(oracle.fixture(p)));
        JsonObject raw = entry.object("invocation").orElseThrow();
        Simulation simulation;
        try {
          // Oracles may record the directory absolute output paths were resolved in.
          Boutiques boutiques = entry.string("cwd")
              .map(cwd -> Boutiques.builder().workingDirectory(Path.of(cwd)).build()).orElse(BOUTIQUES);
          simulation = boutiques.simulate(descriptor, raw);
        } catch (InvalidInvocationException e) {
          if (expected) {
            fail("expected valid, got: " + e.getMessage());
          }
          return;
        }
        if (!expected) {
          fail("expected invalid (" + entry.string("error").map(s -> s.lines().findFirst().orElse("")).orElse("")
              + "), but it built: " + simulation.commandLine());
        }
        assertEquals(entry.string("command-line").orElseThrow(), simulation.commandLine(), "command line");
        assertEquals(stringMap(entry.object("output-files").orElse(JsonObject.EMPTY)),
            sorted(simulation.outputFiles()), "output paths");
        assertEquals(stringMap(entry.object("config-files").orElse(JsonObject.EMPTY)),
            sorted(simulation.configFiles()), "config files");
      }));
    }
    return tests.stream();
  }

  private static Descriptor load(Path file) {
    try {
      return BOUTIQUES.load(file);
    } catch (InvalidDescriptorException e) {
      throw new AssertionError("the case's descriptor should be valid: " + e.getMessage(), e);
    } catch (Exception e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  private static Map<String, String> stringMap(JsonObject o) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
      out.put(e.getKey(), PythonView.str(e.getValue()));
    }
    return out;
  }

  private static Map<String, String> sorted(Map<String, String> m) {
    return new java.util.TreeMap<>(m);
  }
}
