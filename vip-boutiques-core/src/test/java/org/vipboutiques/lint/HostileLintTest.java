package org.vipboutiques.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.json.JsonInputException;

/** Descriptors far past normal sizes: lint ends with a report or one clear line. */
@Timeout(300) // a hang guard, not a speed assertion
class HostileLintTest {

  private static final String HEAD = "{\"name\": \"t\", \"description\": \"d\", \"tool-version\": \"1\","
      + " \"schema-version\": \"0.5\", ";

  @TempDir
  Path dir;

  private static void oneLine(String message) {
    assertFalse(message.contains("\n"), message);
    assertTrue(message.length() < 2000, () -> message.length() + " characters: " + message.substring(0, 300));
  }

  private static void bounded(LintReport r) {
    r.warnings().forEach(w -> oneLine(w.toString()));
    r.validation().errors().forEach(e -> assertTrue(e.toString().length() < 5000, () -> e.toString().substring(0, 300)));
  }

  @Test
  void aFiftyMegabyteDescriptorIsRefusedWithOneLine() throws Exception {
    Path file = dir.resolve("big.json");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEAD + "\"command-line\": \"t\", \"inputs\": [], \"x\": \"");
      char[] block = "a".repeat(1 << 16).toCharArray();
      for (int i = 0; i < 50 * 16; i++) {
        out.write(block);
      }
      out.write("\"}");
    }
    JsonInputException e = assertThrows(JsonInputException.class, () -> DescriptorLint.lint(file));
    oneLine(e.getMessage());
    assertTrue(e.getMessage().contains("big.json"), e.getMessage());
  }

  @Test
  void aMegabyteConditionIsLintedOrRefusedInBoundedWords() throws Exception {
    int mb = 1 << 20;
    for (String condition : List.of("a>1 or ".repeat(mb / 7) + "a>1", "(".repeat(mb) + "a" + ")".repeat(mb),
        "a==1 and ".repeat(mb / 9) + "a==1", "not ".repeat(mb / 4) + "a", "a" + "+1".repeat(mb / 2) + ">2",
        "\"" + "x".repeat(mb) + "\" == a")) {
      String text = HEAD + "\"command-line\": \"t [A]\", \"inputs\": [{\"id\": \"a\", \"name\": \"A\","
          + " \"type\": \"Number\", \"value-key\": \"[A]\", \"optional\": true}], \"output-files\": [{\"id\": \"o\","
          + " \"name\": \"o\", \"optional\": true, \"conditional-path-template\": [{"
          + org.vipboutiques.json.JsonWriter.compact().write(new org.vipboutiques.json.JsonString(condition)) + ": \"x\"}, {\"default\": \"d\"}]}]}";
      LintReport r = DescriptorLint.lint(text, "cond.json");
      bounded(r);
    }
  }

  /**
   * 100,000 inputs (14 MB, under the JSON limit): the rules that compare inputs pairwise kept
   * validation and lint busy for over nine minutes; now one error says the count and the bound.
   */
  @Test
  void aHundredThousandInputsAreOneErrorNotAHang() throws Exception {
    Path file = dir.resolve("wide.json");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEAD + "\"command-line\": \"t\", \"inputs\": [");
      for (int i = 0; i < 100_000; i++) {
        out.write((i == 0 ? "" : ", ") + "{\"id\": \"i" + i + "\", \"name\": \"I\", \"type\": \"String\","
            + " \"optional\": true}");
      }
      out.write("]}");
    }
    LintReport r = DescriptorLint.lint(file);
    assertEquals(1, r.validation().errors().size(), () -> r.validation().errors().toString());
    String message = r.validation().errors().get(0).toString();
    oneLine(message);
    assertTrue(message.contains("100000 inputs, output-files and groups; at most 10000"), message);
    bounded(r);
  }
}
