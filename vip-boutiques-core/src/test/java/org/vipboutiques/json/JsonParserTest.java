package org.vipboutiques.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonParserTest {

  private final JsonParser parser = JsonParser.withDefaults();

  @Test
  void keepsNumberLiteralsAndKeyOrder() throws Exception {
    JsonObject o = parser.parseObject("{\"b\": 1.0, \"a\": 10, \"c\": 1e5}", "t");
    assertEquals(java.util.List.of("b", "a", "c"), java.util.List.copyOf(o.keys()));
    assertEquals("1.0", o.number("b").orElseThrow().literal());
    assertTrue(o.number("a").orElseThrow().isIntegral());
    assertEquals("100000.0", o.number("c").orElseThrow().pythonString());
  }

  @Test
  void duplicateKeysKeepFirstPositionAndLastValue() throws Exception {
    JsonObject o = parser.parseObject("{\"a\": 1, \"b\": 2, \"a\": 3}", "t");
    assertEquals(java.util.List.of("a", "b"), java.util.List.copyOf(o.keys()));
    assertEquals("3", o.number("a").orElseThrow().literal());
  }

  @Test
  void malformedJsonSaysLineAndColumn() {
    JsonInputException e = assertThrows(JsonInputException.class,
        () -> parser.parse("{\n  \"a\": 1,\n  \"b\" 2\n}", "bad.json"));
    assertEquals(JsonInputException.Kind.SYNTAX, e.kind());
    assertEquals(3, e.line().orElseThrow());
    assertTrue(e.getMessage().startsWith("bad.json:3:"), e.getMessage());
  }

  /** Gson refuses numbers over 1023 characters; it once came out as "not valid JSON: " and nothing more. */
  @Test
  void aNumberOverTheLengthLimitSaysWhatWhereAndTheLimit() {
    for (String number : java.util.List.of("1".repeat(5000), "-0." + "5".repeat(1100), "1".repeat(1024))) {
      JsonInputException e = assertThrows(JsonInputException.class,
          () -> parser.parse("{\n  \"a\": [1, " + number + "]\n}", "big.json"));
      assertEquals(JsonInputException.Kind.SYNTAX, e.kind());
      assertEquals("big.json:2:12: a number of " + number.length() + " characters, longer than the limit of 1023"
          + " characters; write it with fewer digits (an exponent, or fewer decimals), or as a string", e.getMessage());
    }
  }

  @Test
  void aNumberAtTheLengthLimitIsRead() throws Exception {
    String number = "1".repeat(1023);
    assertEquals(number, parser.parseObject("{\"a\": " + number + "}", "t").number("a").orElseThrow().literal());
  }

  @Test
  void deepNestingIsATypedErrorNotAStackOverflow() {
    String deep = "[".repeat(1_000_000) + "]".repeat(1_000_000);
    JsonInputException e = assertThrows(JsonInputException.class, () -> parser.parse(deep, "deep.json"));
    assertEquals(JsonInputException.Kind.TOO_DEEP, e.kind());
  }

  @Test
  void inputOverTheLimitIsRefusedBeforeParsing() {
    JsonParser small = new JsonParser(JsonLimits.DEFAULT.withMaxBytes(100));
    byte[] big = ("[" + "1,".repeat(1000) + "1]").getBytes(StandardCharsets.UTF_8);
    JsonInputException e = assertThrows(JsonInputException.class,
        () -> small.parse(new ByteArrayInputStream(big), "big.json"));
    assertEquals(JsonInputException.Kind.TOO_LARGE, e.kind());
  }

  @Test
  void invalidUtf8IsAnEncodingError() {
    byte[] bytes = {'{', '"', (byte) 0xff, '"', ':', '1', '}'};
    JsonInputException e = assertThrows(JsonInputException.class,
        () -> parser.parse(new ByteArrayInputStream(bytes), "latin1.json"));
    assertEquals(JsonInputException.Kind.ENCODING, e.kind());
  }

  @Test
  void nonJsonExtensionsAreRefused() {
    for (String text : new String[] {"{'a': 1}", "{\"a\": NaN}", "[1,]", "{\"a\": 01}", "// c\n{}", "{} {}", ""}) {
      assertThrows(JsonInputException.class, () -> parser.parse(text, "t"), text);
    }
  }

  @Test
  void topLevelMustBeAnObjectWhereAnObjectIsExpected() {
    JsonInputException e = assertThrows(JsonInputException.class, () -> parser.parseObject("[1]", "t"));
    assertEquals(JsonInputException.Kind.NOT_AN_OBJECT, e.kind());
  }

  @Test
  void writesBackWhatItRead() throws Exception {
    String text = "{\"a\":[1,1.0,-0.0,1e-07,\"x\\ny\",true,null,{}],\"b\":{\"c\":\"\\u00e9\"}}";
    assertEquals(text, JsonWriter.compact().write(parser.parse(text, "t")).replace("é", "\\u00e9"));
  }
}
