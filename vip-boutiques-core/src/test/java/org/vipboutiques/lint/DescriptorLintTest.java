package org.vipboutiques.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DescriptorLintTest {

  private static final String TESTS = ", \"tests\": [{\"name\": \"t\", \"invocation\": {}, \"assertions\":"
      + " {\"exit-code\": 0}}]";

  private static List<LintWarning> lint(String text) throws Exception {
    LintReport r = DescriptorLint.lint(text, "tool.json");
    assertTrue(r.valid(), r.validation().describe());
    return r.warnings();
  }

  private static List<LintWarning> of(List<LintWarning> all, LintKind kind) {
    return all.stream().filter(w -> w.kind() == kind).toList();
  }

  @Test
  void aCarefulDescriptorHasNoWarning() throws Exception {
    assertEquals(List.of(), lint("""
        {"name": "t", "description": "d", "tool-version": "1", "schema-version": "0.5",
         "command-line": "t [A]", "container-image": {"type": "docker", "image": "org/tool:1.2"},
         "inputs": [{"id": "a", "name": "A", "type": "String", "value-key": "[A]", "description": "the a"}]
        """ + TESTS + "}"));
  }

  @Test
  void conditionsTheReferenceReadsWithACharacterDroppedNameTheLineAndTheFix() throws Exception {
    List<LintWarning> w = of(lint("""
        {"name": "t", "description": "d", "tool-version": "1", "schema-version": "0.5",
         "command-line": "t [A]",
         "inputs": [{"id": "opt2", "name": "A", "type": "Number", "value-key": "[A]", "description": "x"}],
         "output-files": [{"id": "o", "name": "o", "optional": true,
           "conditional-path-template": [
             {"opt2>10": "big.txt"},
             {"opt2 <= 10": "small.txt"},
             {"default": "d.txt"}]}]
        """ + TESTS + "}"), LintKind.CONDITION_OPERATOR);
    assertEquals(1, w.size(), w.toString());
    assertEquals("$.output-files[0].conditional-path-template[0]", w.get(0).path());
    assertEquals(Optional.of(6), w.get(0).line());
    assertTrue(w.get(0).message().contains("is read by bosh as \"opt2 > 0\""), w.get(0).message());
    assertTrue(w.get(0).fix().contains("\"opt2 > 10\""), w.get(0).fix());
    assertTrue(w.get(0).toString().startsWith("tool.json:6: warning [condition-operator] at $.output-files[0]"),
        w.get(0).toString());
  }

  @Test
  void referenceQuirksOfGroupsInputsAndOutputs() throws Exception {
    List<LintWarning> w = lint("""
        {"name": "t", "description": "d", "tool-version": "1", "schema-version": "0.5",
         "command-line": "t [A] [C] [D] [E]",
         "inputs": [
           {"id": "a", "name": "A", "type": "String", "value-key": "[A]", "optional": true},
           {"id": "b", "name": "B", "type": "String", "value-key": "[A]", "optional": true, "description": "b"},
           {"id": "c", "name": "C", "type": "Number", "value-key": "[C]", "optional": true, "description": "c",
            "integer": true, "value-choices": [1, 2]},
           {"id": "d", "name": "D", "type": "String", "value-key": "[D]", "optional": true, "description": "d",
            "list": true, "max-list-entries": 0},
           {"id": "e", "name": "E", "type": "String", "value-key": "[E]", "optional": true, "description": "e",
            "value-choices": ["x", "y"], "value-requires": {"x": ["d"], "y": []}}],
         "groups": [{"id": "g", "name": "g", "members": ["a", "b"], "mutually-exclusive": true},
                    {"id": "h", "name": "h", "members": ["c", "d"], "all-or-none": true},
                    {"id": "k", "name": "k", "members": ["e"], "mutually-exclusive": false}],
         "output-files": [{"id": "o", "name": "o", "optional": true,
           "conditional-path-template": [{"c == 1": "one.txt"}]}]
        }""");
    assertEquals(1, of(w, LintKind.INPUT_WITHOUT_DESCRIPTION).size());
    LintWarning mutex = of(w, LintKind.MUTUALLY_EXCLUSIVE_FALSE).get(0);
    assertEquals("$.groups[2].mutually-exclusive", mutex.path());
    assertEquals(Optional.of(14), mutex.line());
    assertTrue(of(w, LintKind.SHARED_VALUE_KEY).get(0).message().contains("inputs \"a\", \"b\" share the value-key [A]"));
    assertEquals(3, of(w, LintKind.NOT_ENFORCED_BY_REFERENCE).size(), w.toString());
    assertEquals(1, of(w, LintKind.ZERO_LIST_BOUND).size());
    assertTrue(of(w, LintKind.CONDITIONAL_OUTPUT_WITHOUT_DEFAULT).get(0).message().contains("bosh crashes"));
    assertEquals(1, of(w, LintKind.NO_TESTS).size());
    assertEquals("$", of(w, LintKind.NO_TESTS).get(0).path());
    assertEquals(Optional.of(1), of(w, LintKind.NO_TESTS).get(0).line());
  }

  @Test
  void unpinnedImagesAndGpuWithoutPolicy() throws Exception {
    String base = "{\"name\": \"t\", \"description\": \"d\", \"tool-version\": \"1\", \"schema-version\": \"0.5\","
        + " \"command-line\": \"t [B]\", \"inputs\": [{\"id\": \"b\", \"name\": \"B\", \"type\": \"String\","
        + " \"value-key\": \"[B]\", \"description\": \"back end\", \"value-choices\": %s}],"
        + " \"container-image\": {\"type\": \"docker\", \"image\": \"%s\"}, \"custom\": {\"vip:gpu\": %s}" + TESTS + "}";
    assertEquals(List.of(), lint(String.format(base, "[\"cpu\"]", "org/t@sha256:abc", "{\"policy\": \"preferred\"}")));
    assertEquals(List.of(), lint(String.format(base, "[\"cpu\"]", "localhost:5000/t:1", "false")));
    LintWarning untagged = lint(String.format(base, "[\"x\"]", "localhost:5000/org/t", "{\"policy\": \"required\"}"))
        .get(0);
    assertEquals(LintKind.IMAGE_NOT_PINNED, untagged.kind());
    assertEquals("$.container-image.image", untagged.path());
    assertTrue(untagged.message().contains("no tag or digest"));
    assertTrue(lint(String.format(base, "[\"x\"]", "docker://org/t:latest", "{\"policy\": \"required\"}")).get(0)
        .message().contains("\"latest\""));
    LintWarning noCpu = lint(String.format(base, "[\"x\"]", "org/t:1", "true")).get(0);
    assertEquals(LintKind.GPU_POLICY_UNSET, noCpu.kind());
    assertTrue(noCpu.message().contains("shows no CPU path"), noCpu.message());
    LintWarning cpu = lint(String.format(base, "[\"cpu\", \"cuda\"]", "org/t:1", "{\"count\": 1}")).get(0);
    assertTrue(cpu.message().contains("input \"b\" offers \"cpu\""), cpu.message());
    assertEquals("$.custom[\"vip:gpu\"]", cpu.path());
  }

  @Test
  void anInvalidDescriptorHasItsErrorsAndNoWarnings() throws Exception {
    LintReport r = DescriptorLint.lint("{\"name\": \"t\"}", "bad.json");
    assertFalse(r.valid());
    assertEquals(List.of(), r.warnings());
  }

  @Test
  void theReadingOfConditionsIsTheReferences() {
    assertEquals(new DescriptorLint.Quirk(false, "a == 1", "a == 1"), DescriptorLint.Quirk.of("a == 1"));
    assertFalse(DescriptorLint.Quirk.of("a==1 and b!=2 and c<=3 and d >= 4").changed());
    assertEquals("x < 0", DescriptorLint.Quirk.of("x<10").read());
    assertEquals("x < 10", DescriptorLint.Quirk.of("x<10").fixed());
    assertEquals("s == \"a > \"", DescriptorLint.Quirk.of("s == \"a>b\"").read());
  }
}
