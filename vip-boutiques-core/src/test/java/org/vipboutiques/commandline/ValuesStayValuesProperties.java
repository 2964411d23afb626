package org.vipboutiques.commandline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/**
 * Random values made of every value-key of the descriptor and of shell metacharacters reach the
 * tool literally, through dash and bash, and the output paths and configuration files hold them
 * as given: an inserted value is never scanned again, and quoting holds whatever it contains.
 */
class ValuesStayValuesProperties {

  private static final List<String> KEYS = List.of("[A]", "[B]", "[C]", "[F]", "[N]", "[OUT]", "[CONF]");
  private static final List<String> PIECES = List.of("[A]", "[B]", "[C]", "[F]", "[N]", "[OUT]", "[CONF]",
      "[", "]", "-b", " ", "  ", ";", "&", "|", "$", "$(", ")", "`", "'", "\"", "\\", "${IFS}", "*", "?", "~", "#",
      "<", ">", "\n", "\t", "!", "{", "}", "=", "x", "é", "/", "..", "%s", "'\"'\"'");

  private static final Descriptor TOOL = Fixtures.descriptor("printf '<%s>\\n' [A] [B] [C] [F] [OUT] [CONF] [N]",
      "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"value-key\": \"[A]\"},"
          + " {\"id\": \"b\", \"name\": \"b\", \"type\": \"String\", \"value-key\": \"[B]\","
          + " \"command-line-flag\": \"-b\"},"
          + " {\"id\": \"c\", \"name\": \"c\", \"type\": \"String\", \"list\": true, \"value-key\": \"[C]\"},"
          + " {\"id\": \"f\", \"name\": \"f\", \"type\": \"File\", \"value-key\": \"[F]\"},"
          + " {\"id\": \"n\", \"name\": \"n\", \"type\": \"Number\", \"optional\": true, \"value-key\": \"[N]\"}]",
      null,
      "[{\"id\": \"out\", \"name\": \"out\", \"value-key\": \"[OUT]\", \"path-template\": \"o_[A]_[B].txt\"},"
          + " {\"id\": \"conf\", \"name\": \"conf\", \"value-key\": \"[CONF]\", \"path-template\": \"c.cfg\","
          + " \"file-template\": [\"a=[A]\", \"c=[C]\", \"f=[F] [N]\"]}]");

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(12).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<List<String>> hostileList() {
    return hostile().list().ofMaxSize(3);
  }

  @Property(tries = 150)
  void valuesReachTheToolLiterally(@ForAll("hostile") String a, @ForAll("hostile") String b,
      @ForAll("hostileList") List<String> c, @ForAll("hostile") String f) throws Exception {
    Map<String, JsonValue> values = new LinkedHashMap<>();
    values.put("a", JsonString.of(a));
    values.put("b", JsonString.of(b));
    values.put("c", new JsonArray(c.stream().map(s -> (JsonValue) JsonString.of(s)).toList()));
    values.put("f", JsonString.of(f));
    Simulation s = Fixtures.BOUTIQUES.simulate(TOOL, new JsonObject(values));

    String out = "o_" + a + "_" + b + ".txt";
    assertEquals(out, s.outputFiles().get("out"), "the output path holds the values as given");
    // As in the reference, an empty list leaves a key with no space before it in place.
    String cLine = c.isEmpty() ? "[C]" : String.join(" ", c.stream().map(ShellQuoting::quote).toList());
    assertEquals("a=" + ShellQuoting.quote(a) + "\nc=" + cLine + "\n", s.configFiles().get("conf"),
        "the line with the absent [N] is cleared, the others hold the values");

    List<String> expected = new ArrayList<>(List.of(a, "-b", b));
    expected.addAll(c);
    expected.addAll(List.of(f, out, "c.cfg"));
    StringBuilder printed = new StringBuilder();
    expected.forEach(v -> printed.append('<').append(v).append(">\n"));
    for (String shell : List.of("/bin/dash", "/bin/bash")) {
      assertEquals(printed.toString(), run(shell, s.commandLine()), shell + " ran: " + s.commandLine());
    }
  }

  private static String run(String shell, String commandLine) throws Exception {
    Process p = new ProcessBuilder(shell, "-c", commandLine).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(shell + " did not end");
    }
    return text;
  }

  /** Every key of the descriptor is among the pieces the values are made of. */
  @net.jqwik.api.Example
  void theValuesUseEveryKeyOfTheDescriptor() {
    List<String> keys = new ArrayList<>();
    TOOL.inputs().forEach(i -> i.valueKey().ifPresent(keys::add));
    TOOL.outputFiles().forEach(o -> o.valueKey().ifPresent(keys::add));
    assertEquals(KEYS.stream().sorted().toList(), keys.stream().sorted().toList());
  }
}
