package org.vipboutiques.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.vipboutiques.testing.conditions.EnabledIfReference;
import org.vipboutiques.testing.conditions.Reference;

/**
 * Differential test against the reference implementation itself: {@code scripts/reference-oracle.py}
 * mutates the corpus (descriptors and invocations, one change each), asks the reference for
 * its answers, and writes them as an oracle folder, which is then held against ours like the
 * shared one. Runs where the reference and a python3 with its modules are here ({@link
 * EnabledIfReference}: skipped, saying what is missing, elsewhere; failed where
 * {@code VIPB_REQUIRE_REFERENCE=1}, as in CI).
 * {@code -Dvipb.differential.seed=N} picks the mutations (default: a new seed each day).
 */
@EnabledIfReference
class ReferenceDifferentialTest {

  @TestFactory
  Stream<DynamicTest> mutatedCorpusIsJudgedAsTheReferenceJudgesIt() throws Exception {
    Optional<Path> corpus = Oracle.locate();
    Optional<Path> script = projectRoot().map(r -> r.resolve("scripts/reference-oracle.py")).filter(Files::exists);
    // The reference and its python are the condition's; the corpus and the script travel with the project.
    assertTrue(corpus.isPresent(), "no conformance corpus (shared/conformance/boutiques) beside the reference");
    assertTrue(script.isPresent(), "no scripts/reference-oracle.py above " + Path.of("").toAbsolutePath());
    long seed = Long.getLong("vipb.differential.seed", System.currentTimeMillis() / 86_400_000L);
    Path out = Path.of("target", "differential-oracle-" + seed).toAbsolutePath();
    if (!Files.exists(out.resolve("cases.json"))) {
      List<String> command = new ArrayList<>(List.of(Reference.python().toString(), script.get().toString(),
          Reference.folder().toString(), corpus.get().toString(), out.toString(), "--seed", Long.toString(seed),
          "--per-case", "1", "--per-descriptor", "6", "--mutant-cases", "0.5"));
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(Files.createDirectories(out.getParent()).resolve("differential-" + seed + ".log").toFile())
          .start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("the reference took more than 10 minutes");
      }
      assertEquals(0, p.exitValue(), "reference-oracle.py failed; see target/differential-" + seed + ".log");
    }
    Oracle oracle = new Oracle(out);
    String label = "seed " + seed + ": ";
    return Stream.concat(ConformanceTest.descriptorTests(oracle), ConformanceTest.caseTests(oracle))
        .map(t -> DynamicTest.dynamicTest(label + t.getDisplayName(), t.getExecutable()));
  }

  private static Optional<Path> projectRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("scripts/reference-oracle.py"))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
