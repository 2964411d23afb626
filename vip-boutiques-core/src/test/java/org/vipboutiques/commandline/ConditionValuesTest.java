package org.vipboutiques.commandline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vipboutiques.Fixtures.descriptor;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;

/**
 * Values in conditional-path-template conditions are data, bound as literals, never pasted into
 * the expression as code (the reference pastes them): a quote in a value cannot rewrite the
 * condition, and any value, however long, gets an answer at once. The timeouts are hang guards
 * (a megabyte of digits took 103 s here, 195 s in the issue), not speed targets.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ConditionValuesTest {

  private static Descriptor tool(String condition) {
    String cond = JsonString.of(condition).toJson();
    return descriptor("tool [A] [B] [OUT]",
        "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"value-key\": \"[A]\"},"
            + " {\"id\": \"b\", \"name\": \"b\", \"type\": \"String\", \"value-key\": \"[B]\", \"optional\": true}]",
        null, "[{\"id\": \"out\", \"name\": \"out\", \"value-key\": \"[OUT]\", \"optional\": true,"
            + " \"conditional-path-template\": [{" + cond + ": \"yes.txt\"}, {\"default\": \"no.txt\"}]}]");
  }

  private static String out(Descriptor d, String a) throws Exception {
    return out(d, a, null);
  }

  private static String out(Descriptor d, String a, String b) throws Exception {
    JsonObject values = new JsonObject(b == null ? Map.of("a", JsonString.of(a))
        : Map.of("a", JsonString.of(a), "b", JsonString.of(b)));
    return Fixtures.BOUTIQUES.simulate(d, values).outputFiles().get("out");
  }

  @Test
  void aQuoteInAValueDoesNotRewriteTheCondition() throws Exception {
    Descriptor d = tool("a == \"x\"");
    assertEquals("no.txt", out(d, "x\" or \"1"), "pasted, this read as: \"x\" or \"1\" == \"x\"");
    assertEquals("no.txt", out(d, "y\" == \"y\" or \"z"));
    assertEquals("yes.txt", out(d, "x"));
  }

  @Test
  void aValueIsTheTextGivenWithoutEscapes() throws Exception {
    assertEquals("yes.txt", out(tool("a == b"), "C:\\temp\\", "C:\\temp\\"));
    assertEquals("no.txt", out(tool("a == \"\\t\""), "\\t"), "the value is a backslash and a t, not a tab");
  }

  @Test
  void valuesThatReadAsNumbersStillCompareAsNumbers() throws Exception {
    Descriptor d = tool("a > 5");
    assertEquals("yes.txt", out(d, "10"));
    assertEquals("no.txt", out(d, "-10"));
    assertEquals("yes.txt", out(d, "--10"), "as Python reads --10");
    assertEquals("yes.txt", out(d, "5.5"));
  }

  @Test
  void aMegabyteOfDigitsIsRefusedAtOnceInOneShortLine() throws Exception {
    InvalidInvocationException e = assertThrows(InvalidInvocationException.class,
        () -> out(tool("a == \"x\""), "1".repeat(1_000_000)));
    assertTrue(e.getMessage().contains("more than Python's limit of 4300"), e.getMessage());
    assertTrue(e.getMessage().length() < 1000, "the value is not repeated whole: " + e.getMessage().length());
  }

  @Test
  void megabyteValuesOfAnyShapeGetAnAnswer() throws Exception {
    Descriptor d = tool("a == \"x\"");
    for (String value : java.util.List.of("y".repeat(1_000_000), "-".repeat(1_000_000) + "1",
        "1".repeat(1_000_000) + ".5", "\"".repeat(1_000_000), "(".repeat(1_000_000), "\\".repeat(1_000_000))) {
      assertEquals("no.txt", out(d, value));
    }
  }

  /** Java's indexOf is quadratic on such texts; Python's search is not. */
  @Test
  void inOnMegabyteValuesIsLinear() throws Exception {
    Descriptor d = tool("a in b");
    assertEquals("no.txt", out(d, "a".repeat(200_000) + "b", "a".repeat(1_000_000)));
    assertEquals("yes.txt", out(d, "a".repeat(200_000) + "b", "a".repeat(1_000_000) + "b"));
  }
}
