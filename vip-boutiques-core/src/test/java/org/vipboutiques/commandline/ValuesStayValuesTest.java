package org.vipboutiques.commandline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.vipboutiques.Fixtures.descriptor;
import static org.vipboutiques.Fixtures.json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.json.JsonObject;

/**
 * An inserted value is never scanned for value-keys again (a deliberate deviation from the
 * reference, which rescans): a value holding another input's value-key stays as given, on the
 * command line, in output paths and in configuration files.
 */
class ValuesStayValuesTest {

  private static final String AB = "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"value-key\": \"[A]\","
      + " \"optional\": true}, {\"id\": \"b\", \"name\": \"b\", \"type\": \"String\", \"value-key\": \"[B]\","
      + " \"optional\": true}]";

  private static Simulation simulate(Descriptor d, String invocation) throws Exception {
    return Fixtures.BOUTIQUES.simulate(d, json(invocation));
  }

  @Test
  void aValueHoldingAnotherValueKeyDoesNotBringThatValueOntoTheCommandLine() throws Exception {
    Descriptor d = descriptor("echo [A] [B]", AB, null, null);
    Simulation s = simulate(d, "{\"a\": \"x[B]\", \"b\": \";touch${IFS}PWNED;\"}");
    assertEquals("echo 'x[B]' ';touch${IFS}PWNED;'", s.commandLine());
  }

  @Test
  void theShellRunsNothingFromTheValues(@TempDir Path dir) throws Exception {
    Descriptor d = descriptor("echo [A] [B]", AB, null, null);
    Simulation s = simulate(d, "{\"a\": \"x[B]\", \"b\": \";touch${IFS}PWNED;\"}");
    Process p = new ProcessBuilder("/bin/sh", "-c", s.commandLine()).directory(dir.toFile())
        .redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    assertEquals("x[B] ;touch${IFS}PWNED;\n", printed);
    assertFalse(Files.exists(dir.resolve("PWNED")), "the value was run as a command");
  }

  @Test
  void aValueRemovedAfterwardsIsNotRemovedFromInsideAnotherValue() throws Exception {
    Descriptor d = descriptor("echo [A] [B]", AB, null, null);
    // b is absent: the reference removes " [B]" everywhere, also from inside a's value.
    assertEquals("echo 'x [B]'", simulate(d, "{\"a\": \"x [B]\"}").commandLine());
  }

  @Test
  void outputPathsAndConfigFilesKeepValuesAsGiven() throws Exception {
    Descriptor d = descriptor("tool [A] [B] [OUT] [CONF]", AB, null,
        "[{\"id\": \"out\", \"name\": \"out\", \"value-key\": \"[OUT]\", \"path-template\": \"[A]_[B].txt\"},"
            + " {\"id\": \"conf\", \"name\": \"conf\", \"value-key\": \"[CONF]\", \"path-template\": \"c.txt\","
            + " \"file-template\": [\"a=[A]\", \"b=[B]\"]}]");
    Simulation s = simulate(d, "{\"a\": \"[B]\", \"b\": \"[OUT]\"}");
    assertEquals("[B]_[OUT].txt", s.outputFiles().get("out"));
    assertEquals("a='[B]'\nb='[OUT]'", s.configFiles().get("conf"));
    assertEquals("tool '[B]' '[OUT]' '[B]_[OUT].txt' c.txt", s.commandLine());
  }

  @Test
  void absoluteOutputPathsKeepValuesAsGiven() throws Exception {
    JsonObject json = Fixtures.descriptorJson("tool [OUT] [OUT2]", AB, null,
        "[{\"id\": \"out\", \"name\": \"out\", \"value-key\": \"[OUT]\", \"path-template\": \"d/../[A]/[OUT2]\","
            + " \"uses-absolute-path\": true},"
            + " {\"id\": \"out2\", \"name\": \"out2\", \"value-key\": \"[OUT2]\", \"path-template\": \"[B].x\"}]");
    Descriptor d = Fixtures.BOUTIQUES.load(json, "test");
    Simulation s = org.vipboutiques.Boutiques.builder().workingDirectory(Path.of("/w")).build()
        .simulate(d, json("{\"a\": \"[OUT2]\", \"b\": \"[A]\"}"));
    // [OUT2] of the template is filled in the second pass; the one inside a's value is not.
    assertEquals("/w/[OUT2]/'[A].x'", s.outputFiles().get("out"));
  }
}
