package org.vipboutiques.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vipboutiques.Fixtures.descriptor;
import static org.vipboutiques.Fixtures.json;

import org.junit.jupiter.api.Test;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;

class InvocationValidatorTest {

  private static InvalidInvocationException refused(Descriptor d, String invocation) {
    return assertThrows(InvalidInvocationException.class, () -> Fixtures.BOUTIQUES.invocation(d, json(invocation)));
  }

  private static boolean has(InvalidInvocationException e, InvocationRule rule) {
    return e.errors().stream().anyMatch(err -> err.rule() == rule);
  }

  private static final String AB = "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"value-key\": \"[A]\","
      + " \"optional\": true}, {\"id\": \"b\", \"name\": \"b\", \"type\": \"String\", \"value-key\": \"[B]\","
      + " \"optional\": true}]";

  @Test
  void allOrNoneGroupsAreEnforced() throws Exception {
    Descriptor d = descriptor("t [A] [B]", AB, "[{\"id\": \"g\", \"name\": \"g\", \"members\": [\"a\", \"b\"],"
        + " \"all-or-none\": true}]", null);
    assertTrue(has(refused(d, "{\"a\": \"x\"}"), InvocationRule.ALL_OR_NONE));
    Fixtures.BOUTIQUES.invocation(d, json("{\"a\": \"x\", \"b\": \"y\"}"));
    Fixtures.BOUTIQUES.invocation(d, json("{}"));
  }

  @Test
  void mutuallyExclusiveMembersGivenTogetherAreRefused() {
    Descriptor d = descriptor("t [A] [B]", AB, "[{\"id\": \"g\", \"name\": \"g\", \"members\": [\"a\", \"b\"],"
        + " \"mutually-exclusive\": true}]", null);
    InvalidInvocationException e = refused(d, "{\"a\": \"x\", \"b\": \"y\"}");
    assertTrue(has(e, InvocationRule.MUTUALLY_EXCLUSIVE), e.getMessage());
    assertEquals(1, e.errors().size(), "one error for one broken pair: " + e.getMessage());
  }

  @Test
  void valueRequiresAndValueDisablesAreEnforcedAfterDefaults() throws Exception {
    Descriptor d = descriptor("t [M] [A] [B]",
        "[{\"id\": \"m\", \"name\": \"m\", \"type\": \"String\", \"value-key\": \"[M]\", \"optional\": true,"
            + " \"value-choices\": [\"x\", \"y\"], \"value-requires\": {\"x\": [\"a\"], \"y\": []},"
            + " \"value-disables\": {\"x\": [], \"y\": [\"b\"]}},"
            + " {\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"value-key\": \"[A]\", \"optional\": true},"
            + " {\"id\": \"b\", \"name\": \"b\", \"type\": \"String\", \"value-key\": \"[B]\", \"optional\": true,"
            + " \"default-value\": \"dflt\"}]", null, null);
    assertTrue(has(refused(d, "{\"m\": \"x\"}"), InvocationRule.VALUE_REQUIRES));
    Fixtures.BOUTIQUES.invocation(d, json("{\"m\": \"x\", \"a\": \"1\"}"));
    assertTrue(has(refused(d, "{\"m\": \"y\"}"), InvocationRule.VALUE_DISABLES), "b is set by its default");
  }

  @Test
  void integerInputsKeepToTheirChoices() {
    Descriptor d = descriptor("t [N]", "[{\"id\": \"n\", \"name\": \"n\", \"type\": \"Number\", \"integer\": true,"
        + " \"value-key\": \"[N]\", \"value-choices\": [1, 2]}]", null, null);
    assertTrue(has(refused(d, "{\"n\": 3}"), InvocationRule.NOT_A_CHOICE));
  }

  @Test
  void aFlagThatDisablesIsCheckedWithoutCrashing() {
    Descriptor d = descriptor("t [A] [F]", "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\","
        + " \"value-key\": \"[A]\", \"optional\": true}, {\"id\": \"f\", \"name\": \"f\", \"type\": \"Flag\","
        + " \"command-line-flag\": \"-f\", \"value-key\": \"[F]\", \"optional\": true, \"disables-inputs\": [\"a\"]}]",
        null, null);
    assertTrue(has(refused(d, "{\"f\": true, \"a\": \"x\"}"), InvocationRule.DISABLES));
  }

  @Test
  void anEmptyInvocationIsCheckedToo() {
    Descriptor d = descriptor("t [A]", "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"value-key\": \"[A]\"}]",
        null, null);
    assertTrue(has(refused(d, "{}"), InvocationRule.MISSING_REQUIRED));
  }

  @Test
  void messagesSayWhatAndWhere() {
    Descriptor d = descriptor("t [N]", "[{\"id\": \"n\", \"name\": \"n\", \"type\": \"Number\", \"value-key\": \"[N]\","
        + " \"minimum\": 0, \"maximum\": 10}]", null, null);
    assertEquals("input \"n\": 11 is above the maximum 10", refused(d, "{\"n\": 11}").errors().get(0).message());
    assertEquals("input \"n\": expected a number, got \"5\"", refused(d, "{\"n\": \"5\"}").errors().get(0).message());
    assertTrue(refused(d, "{\"n\": 1, \"m\": 2}").errors().get(0).message().startsWith("\"m\" is not an input"));
  }

  @Test
  void theSchemaIsGeneratedAsTheReferenceDoes() {
    Descriptor d = descriptor("t [A] [B]", AB, "[{\"id\": \"g\", \"name\": \"g\", \"members\": [\"a\", \"b\"],"
        + " \"mutually-exclusive\": true, \"one-is-required\": true}]", null);
    String schema = Fixtures.BOUTIQUES.invocationSchema(d).toJson();
    assertEquals("{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"title\":\"t.invocationSchema\","
        + "\"description\":\"Invocation schema for t.\",\"type\":\"object\",\"additionalProperties\":false,"
        + "\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}},"
        + "\"allOf\":[{\"anyOf\":[{\"required\":[\"a\"]},{\"required\":[\"b\"]}]}],"
        + "\"dependencies\":{\"a\":{\"properties\":{\"b\":{\"not\":{}}}},\"b\":{\"properties\":{\"a\":{\"not\":{}}}}}}",
        schema);
  }
}
