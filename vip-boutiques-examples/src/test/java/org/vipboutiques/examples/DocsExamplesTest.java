package org.vipboutiques.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code java} block of README.md and docs/*.md is a tagged region ({@code // tag::name[]}
 * ... {@code // end::name[]}) of a source here, so the build compiles it; the examples that need
 * no remote service run below (the tests run in target/examples-workdir, with src/test/workdir's
 * files).
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
  void theReadmeExampleRuns() {
    String out = printed(() -> ReadmeExample.main(new String[0]));
    assertTrue(out.contains("echo bet t1.nii.gz brain -f 0.4"), out);
  }

  @Test
  void theGpuExampleRuns() throws Exception {
    String out = printed(() -> {
      try {
        GpuExample.main(new String[0]);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertEquals("1 GPU(s), CPU acceptable", out.strip());
  }

  @Test
  void theDockerExampleRuns() {
    Assumptions.assumeTrue(hasTestImage(), "no Docker engine with vipb-busybox:latest at DOCKER_HOST"
        + " or /var/run/docker.sock (eval \"$(scripts/docker-up.sh)\" starts one)");
    String out = printed(() -> {
      try {
        ExecutionExample.main(new String[0]);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertTrue(out.contains("SUCCEEDED"), out);
    assertTrue(out.contains("brain.nii.gz"), out);
  }

  /** Whether the engine at DOCKER_HOST (a unix socket) answers and has the test image tool.json names. */
  private static boolean hasTestImage() {
    String host = System.getenv("DOCKER_HOST");
    if (host != null && !host.startsWith("unix://")) {
      return false;
    }
    Path socket = Path.of(host == null ? "/var/run/docker.sock" : host.substring("unix://".length()));
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      channel.write(ByteBuffer.wrap(("GET /images/vipb-busybox:latest/json HTTP/1.0\r\nHost: docker\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer answer = ByteBuffer.allocate(64);
      channel.read(answer);
      return new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII).matches("(?s)HTTP/1\\.[01] 200.*");
    } catch (IOException e) {
      return false;
    }
  }

  private static String printed(Runnable example) {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      example.run();
    } finally {
      System.setOut(out);
    }
    return captured.toString(StandardCharsets.UTF_8);
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
