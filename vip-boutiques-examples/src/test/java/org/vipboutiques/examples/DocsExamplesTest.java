package org.vipboutiques.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code java} block of README.md and docs/*.md is a tagged region ({@code // tag::name[]}
 * ... {@code // end::name[]}) of a source here, so the build compiles it. Each also runs: those that
 * need nothing more below, the others on the back end they show ({@link DockerExamplesTest},
 * {@link SlurmExamplesTest}, {@link DiracExampleTest}); the tests run in target/examples-workdir,
 * with src/test/workdir's files.
 */
class DocsExamplesTest {

  private static final Path SOURCES = Path.of(System.getProperty("vipb.examples.sources",
      "src/test/java/org/vipboutiques/examples"));

  @TestFactory
  Stream<DynamicTest> everyJavaBlockOfTheDocsIsCompiledHere() throws IOException {
    Map<String, String> regions = regions();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path doc : Markdown.documents()) {
      for (Markdown.Block block : Markdown.javaBlocks(doc)) {
        tests.add(DynamicTest.dynamicTest(block.where(), () -> assertTrue(
            regions.containsValue(normalize(block.text())),
            block.where() + ": this java block is not a tagged region of " + SOURCES
                + " (tag::name[] ... end::name[]); put it in an example there, so that it compiles")));
      }
    }
    assertTrue(tests.size() >= 7, "too few java blocks found: " + tests.size());
    return tests.stream();
  }

  @Test
  void theReadmeExampleRuns() throws Exception {
    String out = Printed.by(() -> ReadmeExample.main(new String[0]));
    assertTrue(out.contains("echo bet t1.nii.gz brain -f 0.4"), out);
  }

  @Test
  void theGpuExampleRuns() throws Exception {
    assertEquals("1 GPU(s), CPU acceptable", Printed.by(() -> GpuExample.main(new String[0])).strip());
  }

  /** Tag name to its regions, each dedented, joined by a blank line. */
  static Map<String, String> regions() throws IOException {
    Map<String, List<String>> found = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(SOURCES.toAbsolutePath())) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java")).sorted()::iterator) {
        String tag = null;
        List<String> region = new ArrayList<>();
        for (String line : Files.readAllLines(f)) {
          String s = line.strip();
          if (s.startsWith("// tag::") && s.endsWith("[]")) {
            tag = f.getFileName() + "#" + s.substring("// tag::".length(), s.length() - 2);
            region = new ArrayList<>();
          } else if (s.startsWith("// end::") && tag != null) {
            found.computeIfAbsent(tag, k -> new ArrayList<>()).add(normalize(String.join("\n", region)));
            tag = null;
          } else if (tag != null) {
            region.add(line);
          }
        }
      }
    }
    Map<String, String> joined = new LinkedHashMap<>();
    found.forEach((tag, parts) -> joined.put(tag, String.join("\n\n", parts)));
    return joined;
  }

  /** Without the common indentation and trailing spaces. */
  static String normalize(String text) {
    List<String> lines = text.lines().map(String::stripTrailing).collect(Collectors.toList());
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n")).strip();
  }
}
