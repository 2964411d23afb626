package org.vipboutiques;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.InvocationRule;
import org.vipboutiques.json.JsonInputException;

/** {@link Boutiques#invocation(Descriptor, String)} and {@link Boutiques#invocation(Descriptor, Map)}. */
class InvocationFromJavaValuesTest {

  private static final Boutiques B = Fixtures.BOUTIQUES;

  /** A File, an integer and a float Number, a Flag, a String list and a Number list. */
  private static final Descriptor TOOL = Fixtures.descriptor("tool [IN] [N] [X] [F] [WORDS] [NUMS]", "["
      + "{\"id\": \"infile\", \"name\": \"in\", \"type\": \"File\", \"value-key\": \"[IN]\"},"
      + "{\"id\": \"n\", \"name\": \"n\", \"type\": \"Number\", \"integer\": true, \"value-key\": \"[N]\","
      + " \"optional\": true},"
      + "{\"id\": \"x\", \"name\": \"x\", \"type\": \"Number\", \"value-key\": \"[X]\", \"optional\": true},"
      + "{\"id\": \"f\", \"name\": \"f\", \"type\": \"Flag\", \"command-line-flag\": \"-v\","
      + " \"value-key\": \"[F]\", \"optional\": true},"
      + "{\"id\": \"words\", \"name\": \"w\", \"type\": \"String\", \"list\": true, \"value-key\": \"[WORDS]\","
      + " \"optional\": true},"
      + "{\"id\": \"nums\", \"name\": \"ns\", \"type\": \"Number\", \"list\": true, \"value-key\": \"[NUMS]\","
      + " \"optional\": true}]", null, null);

  @Test
  void jsonTextIsAnInvocation() throws Exception {
    assertEquals(B.invocation(TOOL, Fixtures.json("{\"infile\": \"a b.nii\", \"n\": 3}")),
        B.invocation(TOOL, "{\"infile\": \"a b.nii\", \"n\": 3}"));
  }

  @Test
  void jsonTextThatIsNotJsonSaysWhere() {
    JsonInputException e = assertThrows(JsonInputException.class, () -> B.invocation(TOOL, "{\"infile\": "));
    assertTrue(e.getMessage().startsWith("the invocation of t:"), e.getMessage());
  }

  @Test
  void javaValuesAreTheSameInvocationAsTheirJson(@TempDir Path dir) throws Exception {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("infile", dir.resolve("brain.nii.gz"));
    values.put("n", 3);
    values.put("x", 0.1f);
    values.put("f", true);
    values.put("words", List.of("a", "b c"));
    values.put("nums", new Object[] {1L, new BigDecimal("2.50"), 3.25});
    String json = "{\"infile\": \"" + dir.resolve("brain.nii.gz") + "\", \"n\": 3, \"x\": 0.1, \"f\": true,"
        + " \"words\": [\"a\", \"b c\"], \"nums\": [1, 2.50, 3.25]}";
    assertEquals(B.invocation(TOOL, json), B.invocation(TOOL, values));
    assertEquals(B.simulate(TOOL, B.invocation(TOOL, json)).commandLine(),
        B.simulate(TOOL, B.invocation(TOOL, values)).commandLine());
  }

  @Test
  void aFileIsItsPathAsGiven() throws Exception {
    assertEquals(B.invocation(TOOL, Map.of("infile", "in/x.nii")), B.invocation(TOOL, Map.of("infile",
        new File("in/x.nii"))));
    assertEquals(B.invocation(TOOL, Map.of("infile", "in/x.nii")), B.invocation(TOOL, Map.of("infile",
        Path.of("in/x.nii"))));
  }

  @Test
  void anUnsupportedTypeNamesTheInputAndWhatIsAccepted() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("infile", "x");
    values.put("n", new java.util.Date(0));
    values.put("x", Double.NaN);
    values.put("words", List.of("a", new StringBuilder("b"), Files.class));
    InvalidInvocationException e = assertThrows(InvalidInvocationException.class, () -> B.invocation(TOOL, values));
    assertEquals(3, e.errors().size(), e.getMessage());
    assertEquals(List.of("n"), e.errors().get(0).ids());
    assertEquals(InvocationRule.WRONG_TYPE, e.errors().get(0).rule());
    assertTrue(e.errors().get(0).message().startsWith("input \"n\": a value of type java.util.Date cannot be an"
        + " input value; give a String, a Number"), e.getMessage());
    assertTrue(e.errors().get(1).message().startsWith("input \"x\": the number NaN (not finite)"), e.getMessage());
    assertTrue(e.errors().get(2).message().startsWith("input \"words\": a list with an item"), e.getMessage());
  }

  @Test
  void aNullValueIsRefusedByName() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("infile", null);
    InvalidInvocationException e = assertThrows(InvalidInvocationException.class, () -> B.invocation(TOOL, values));
    assertTrue(e.getMessage().startsWith("input \"infile\": null (leave the input out instead)"), e.getMessage());
  }

  @Test
  void valuesOfTheRightJavaTypeAreStillCheckedByTheDescriptor() {
    InvalidInvocationException e = assertThrows(InvalidInvocationException.class,
        () -> B.invocation(TOOL, Map.of("infile", "x", "n", 2.5, "nope", 1)));
    assertTrue(e.getMessage().contains("\"nope\" is not an input"), e.getMessage());
  }

  /** The README's promise: one catch is enough for a caller that reports. */
  @Test
  void oneCatchIsEnough(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("bad.json"), "{\"name\": ");
    Files.writeString(dir.resolve("invalid.json"), "{\"name\": \"t\"}");
    for (String file : List.of("bad.json", "invalid.json", "missing.json")) {
      String message;
      try {
        B.load(dir.resolve(file));
        message = "loaded";
      } catch (BoutiquesException e) {
        message = e.getMessage();
      }
      assertTrue(message.contains(file), message);
    }
    BoutiquesException e = assertThrows(BoutiquesException.class, () -> B.invocation(TOOL, Map.of("n", 1)));
    assertTrue(e.getMessage().contains("infile"), e.getMessage());
  }
}
