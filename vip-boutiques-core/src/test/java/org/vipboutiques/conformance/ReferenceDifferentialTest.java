package org.vipboutiques.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test against the reference implementation itself: {@code scripts/reference-oracle.py}
 * mutates the corpus (descriptors and invocations, one change each), asks the reference for
 * its answers, and writes them as an oracle folder, which is then held against ours like the
 * shared one. Runs where Debian's {@code python3} and the reference are beside the project;
 * where {@code VIPB_REQUIRE_REFERENCE=1} (CI), their absence is a failure.
 * {@code -Dvipb.differential.seed=N} picks the mutations (default: a new seed each day).
 */
class ReferenceDifferentialTest {

  @TestFactory
  Stream<DynamicTest> mutatedCorpusIsJudgedAsTheReferenceJudgesIt() throws Exception {
    Optional<Path> corpus = Oracle.locate();
    Path python = Path.of("/usr/bin/python3");
    Optional<Path> reference = corpus.map(c -> c.resolve("../../reference-impl/boutiques-ref").normalize())
        .filter(Files::isDirectory);
    Optional<Path> script = projectRoot().map(r -> r.resolve("scripts/reference-oracle.py")).filter(Files::exists);
    boolean available = corpus.isPresent() && reference.isPresent() && script.isPresent() && Files.isExecutable(python);
    if ("1".equals(System.getenv("VIPB_REQUIRE_REFERENCE"))) {
      assertEquals(true, available, "the reference implementation and python3 must be here (VIPB_REQUIRE_REFERENCE=1)");
    }
    assumeTrue(available, "the reference implementation is not beside the project");
    long seed = Long.getLong("vipb.differential.seed", System.currentTimeMillis() / 86_400_000L);
    Path out = Path.of("target", "differential-oracle-" + seed).toAbsolutePath();
    if (!Files.exists(out.resolve("cases.json"))) {
      List<String> command = new ArrayList<>(List.of(python.toString(), script.get().toString(),
          reference.get().toString(), corpus.get().toString(), out.toString(), "--seed", Long.toString(seed),
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
