package org.vipboutiques.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Boutiques;

class CheckerTest {

  @TempDir
  Path dir;

  private final Checker checker = new Checker(Boutiques.create());

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static final String TOOL = """
      {
        "name": "t", "description": "d", "tool-version": "1", "schema-version": "0.5",
        "command-line": "echo [A] [N]",
        "inputs": [
          {"id": "a", "name": "A", "type": "String", "value-key": "[A]"},
          {"id": "n", "name": "N", "type": "Number", "value-key": "[N]", "optional": true,
           "minimum": 0, "maximum": 5}
        ]
      }
      """;

  @Test
  void aSemanticErrorIsOnTheLineOfTheInputItNames() throws Exception {
    Path f = write("bad.json", TOOL.replace("\"minimum\": 0", "\"minimum\": 9"));
    FileCheck check = checker.descriptor(f);
    assertEquals(1, check.problems().size(), check.problems().toString());
    Problem p = check.problems().get(0);
    assertEquals(6, p.line(), p.toString());
    assertTrue(p.message().startsWith("InputError"), p.message());
    assertEquals("bad.json:6: " + p.message(), p.describe(dir));
  }

  @Test
  void aSyntaxErrorHasTheParsersLine() throws Exception {
    FileCheck check = checker.descriptor(write("syntax.json", "{\n\"name\": \"x\",\n  oops\n}"));
    assertEquals(3, check.problems().get(0).line());
  }

  @Test
  void aSchemaErrorWithoutAnIdHasNoLine() throws Exception {
    FileCheck check = checker.descriptor(write("schema.json", "{\"name\": \"x\"}"));
    assertTrue(!check.valid() && check.problems().stream().allMatch(p -> p.line() == 0), check.toString());
  }

  @Test
  void invocationsAreCheckedAgainstTheirDescriptor() throws Exception {
    Path tool = write("t.json", TOOL);
    assertTrue(checker.descriptor(tool).valid());
    assertTrue(checker.invocation(write("t.invocation.json", "{\"a\": \"x\"}"), Optional.of(tool)).valid());

    FileCheck bad = checker.invocation(write("t.b.invocation.json", "{\n  \"a\": \"x\",\n  \"n\": 7\n}"),
        Optional.of(tool));
    assertEquals(List.of(3), bad.problems().stream().map(Problem::line).toList(), bad.toString());

    FileCheck orphan = checker.invocation(write("x.invocation.json", "{}"), Optional.empty());
    assertTrue(orphan.problems().get(0).message().contains("no descriptor for this invocation"));
  }
}
