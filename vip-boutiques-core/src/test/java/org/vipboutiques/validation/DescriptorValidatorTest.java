package org.vipboutiques.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vipboutiques.Fixtures.descriptorJson;
import static org.vipboutiques.Fixtures.json;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vipboutiques.Fixtures;
import org.vipboutiques.json.JsonObject;

class DescriptorValidatorTest {

  private static ValidationReport validate(JsonObject d) {
    return Fixtures.BOUTIQUES.validate(d, "test");
  }

  private static boolean has(ValidationReport r, Rule rule, String... ids) {
    return r.errors().stream().anyMatch(e -> e.rule() == rule && e.ids().containsAll(List.of(ids)));
  }

  @Test
  void aMinimalDescriptorIsValid() {
    assertTrue(validate(descriptorJson("t [A]", "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\","
        + " \"value-key\": \"[A]\"}]", null, null)).valid());
  }

  @Test
  void schemaErrorsNameTheInput() {
    ValidationReport r = validate(descriptorJson("t", "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"Text\"}]", null, null));
    assertFalse(r.valid());
    assertEquals(Rule.SCHEMA, r.errors().get(0).rule());
    assertTrue(r.errors().get(0).message().contains("inputs[0] (\"a\")"), r.describe());
    assertEquals(List.of("a"), r.errors().get(0).ids());
  }

  @Test
  void rootfsContainerIsAClearErrorWhereTheReferenceCrashes() {
    JsonObject d = descriptorJson("t", "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\"}]", null, null)
        .with("container-image", json("{\"type\": \"rootfs\", \"url\": \"http://x/y.tar\"}"));
    ValidationReport r = validate(d);
    assertTrue(has(r, Rule.CONTAINER_WITHOUT_IMAGE), r.describe());
  }

  @Test
  void sharedValueKeysWithoutGroupsAreAClearError() {
    ValidationReport r = validate(descriptorJson("t [A]",
        "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"value-key\": \"[A]\", \"optional\": true},"
            + "{\"id\": \"b\", \"name\": \"b\", \"type\": \"String\", \"value-key\": \"[A]\", \"optional\": true}]",
        null, null));
    assertTrue(has(r, Rule.SHARED_VALUE_KEY, "[A]"), r.describe());
  }

  @Test
  void conditionalOutputWithoutOptionalIsAClearError() {
    ValidationReport r = validate(descriptorJson("t [A]",
        "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"Number\", \"value-key\": \"[A]\"}]", null,
        "[{\"id\": \"o\", \"name\": \"o\", \"conditional-path-template\": [{\"a > 1\": \"x\"}, {\"default\": \"y\"}]}]"));
    assertTrue(has(r, Rule.CONDITIONAL_OUTPUT_OPTIONAL_UNSET, "o"), r.describe());
  }

  @Test
  void missingMutexMemberIsReportedNotCrashedOn() {
    ValidationReport r = validate(descriptorJson("t [A]",
        "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"value-key\": \"[A]\", \"optional\": true}]",
        "[{\"id\": \"g\", \"name\": \"g\", \"members\": [\"a\", \"ghost\"], \"mutually-exclusive\": true}]", null));
    assertTrue(has(r, Rule.GROUP_MEMBER_UNKNOWN, "g", "ghost"), r.describe());
  }

  @Test
  void messagesFollowTheReference() {
    ValidationReport r = validate(descriptorJson("t [F]",
        "[{\"id\": \"f\", \"name\": \"f\", \"type\": \"Flag\", \"value-key\": \"[F]\"}]", null, null));
    assertEquals(List.of("InputError: \"f\" must have a command-line flag",
        "InputError: \"f\" is of type Flag, it has to be optional"),
        r.errors().stream().map(ValidationError::message).toList());
  }

  @Test
  void malformedGpuConventionIsAnError() {
    JsonObject d = descriptorJson("t", "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\"}]", null, null)
        .with("custom", json("{\"vip:gpu\": {\"count\": 0}}"));
    assertTrue(has(validate(d), Rule.GPU_CONVENTION));
  }

  @Test
  void hostileDescriptorsGetTypedErrors() {
    String[] hostile = {
        "{\"name\": 1, \"inputs\": \"x\", \"command-line\": [], \"schema-version\": 0.5}",
        "{\"inputs\": [{\"id\": {\"a\": [[[[]]]]}}]}",
        "{}",
        "{\"name\": \"n\", \"description\": \"d\", \"tool-version\": \"1\", \"schema-version\": \"0.5\","
            + " \"command-line\": \"c\", \"inputs\": [{\"id\": \"a\", \"name\": \"a\", \"type\": \"Number\","
            + " \"minimum\": 1e999, \"maximum\": -1e999}]}"};
    for (String h : hostile) {
      ValidationReport r = Fixtures.BOUTIQUES.validate(h, "hostile");
      assertFalse(r.valid(), h);
    }
  }
}
