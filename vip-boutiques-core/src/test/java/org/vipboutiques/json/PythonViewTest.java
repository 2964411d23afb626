package org.vipboutiques.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PythonViewTest {

  @Test
  void equalityFollowsPython() {
    assertTrue(PythonView.pyEquals(JsonNumber.parse("1"), JsonNumber.parse("1.0")));
    assertTrue(PythonView.pyEquals(JsonBoolean.TRUE, JsonNumber.parse("1")));
    assertFalse(PythonView.schemaEquals(JsonBoolean.TRUE, JsonNumber.parse("1")));
    assertFalse(PythonView.pyEquals(new JsonString("1"), JsonNumber.parse("1")));
  }

  @Test
  void reprFollowsPython() {
    assertEquals("['a', 1, 2.5, True, None]", PythonView.repr(JsonArray.of(new JsonString("a"),
        JsonNumber.parse("1"), JsonNumber.parse("2.5"), JsonBoolean.TRUE, JsonNull.INSTANCE)));
    assertEquals("\"it's\"", PythonView.repr(new JsonString("it's")));
    assertEquals("'a\\nb'", PythonView.repr(new JsonString("a\nb")));
  }
}
