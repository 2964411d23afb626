package org.vipboutiques.dirac.jdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The JDL writer never emits what DIRAC's parser breaks on, and what it writes reads back the same. */
class JdlTest {

  @Test
  void writesWhatDiracReadsBack() throws Exception {
    Jdl jdl = Jdl.builder().string("JobName", "vipb_1").string("Executable", "vipb-wrapper.sh")
        .string("Arguments", "vipb_1").list("OutputSandbox", List.of("std.out", "std.err"))
        .integer("CPUTime", 86400).list("Tags", List.of("GPU")).build();
    String text = JdlWriter.write(jdl);
    assertTrue(text.startsWith("[\n") && text.endsWith("]\n"), text);
    assertTrue(text.contains("  CPUTime = 86400;"), "an integer, not 86400.0");
    assertTrue(text.contains("Tags = {\"GPU\"};"), text);
    ParsedJdl p = JdlParser.parse(text);
    assertEquals("vipb-wrapper.sh", p.string("Executable").orElseThrow());
    assertEquals(List.of("std.out", "std.err"), p.list("OutputSandbox"));
    assertEquals(86400L, p.integer("CPUTime").orElseThrow());
    assertEquals(List.of("GPU"), p.list("Tags"));
  }

  @Test
  void refusesWhatTheParserBreaksOn() {
    for (String bad : List.of("a; b", "say \"hi\"", "a,b", "x[1]", "{x}", "back\\slash", "line\nbreak", "50%")) {
      JdlException e = assertThrows(JdlException.class,
          () -> JdlWriter.write(Jdl.builder().string("Arguments", bad).build()), bad);
      assertTrue(e.getMessage().contains("Arguments"), e.getMessage());
    }
    assertThrows(JdlException.class, () -> JdlWriter.write(Jdl.builder().list("Tags", List.of("two words")).build()));
    assertThrows(JdlException.class, () -> JdlWriter.write(Jdl.builder().integer("Priority", 11).build()));
    assertThrows(JdlException.class, () -> JdlWriter.write(Jdl.builder().integer("CPUTime", 50).build()));
    assertThrows(JdlException.class, () -> JdlWriter.write(Jdl.builder().string("CPUTime", "86400.0").build()));
    assertThrows(JdlException.class, () -> JdlWriter.write(Jdl.builder().list("InputData", List.of("LFN:/vo//x"))
        .build()));
  }

  @Test
  void theParserKeepsDiracsFaults() throws Exception {
    // A ';' inside quotes ends the value and the next attribute is lost.
    ParsedJdl p = JdlParser.parse("[Arguments = \"a; b\"; StdOutput = \"out\";]");
    assertEquals("\"a", p.expression("Arguments").orElseThrow());
    // A quoted scalar with commas is a list; list items lose their spaces.
    ParsedJdl q = JdlParser.parse("Tags = \"GPU,96RAM\"; Sites = {\"A B\", \"C\"};");
    assertEquals(List.of("GPU", "96RAM"), q.list("Tags"));
    assertEquals(List.of("AB", "C"), q.list("Sites"));
  }

  @Test
  void parametricJobsExpandAsDiracDoes() throws Exception {
    StringBuilder params = new StringBuilder("{");
    for (int i = 0; i < 12; i++) {
      params.append(i > 0 ? "," : "").append("\"k").append(i).append('"');
    }
    ParsedJdl p = JdlParser.parse("[JobName = \"%s\"; Arguments = \"%s %n\"; Parameters = " + params + "};]");
    List<ParsedJdl> jobs = JdlParser.expand(p);
    assertEquals(12, jobs.size());
    assertEquals("k3", jobs.get(3).string("JobName").orElseThrow());
    assertEquals("k3 03", jobs.get(3).string("Arguments").orElseThrow(), "%n is zero-padded");
    assertEquals(3L, jobs.get(3).integer("ParameterNumber").orElseThrow());
    assertTrue(!jobs.get(0).has("Parameters"));
    ParsedJdl numeric = JdlParser.parse("[Arguments = \"%s\"; Parameters = 4; ParameterStart = 1; ParameterStep = 2;]");
    assertEquals(List.of("1", "3", "5", "7"), JdlParser.expand(numeric).stream()
        .map(j -> j.string("Arguments").orElseThrow()).toList());
  }

  @Property(tries = 300)
  void anyAcceptedValueRoundTrips(@ForAll @StringLength(min = 1, max = 40) @AlphaChars @NumericChars
      @Chars({' ', '_', '-', '.', '/', ':', '=', '+', '@', '|', '(', ')', '\'', '$', '&', '*', '#'}) String value)
      throws Exception {
    String v = value.strip();
    if (v.isEmpty()) {
      return;
    }
    String text = JdlWriter.write(Jdl.builder().string("Arguments", v).string("JobName", "x").build());
    ParsedJdl p = JdlParser.parse(text);
    assertEquals(v, p.string("Arguments").orElseThrow());
    assertEquals("x", p.string("JobName").orElseThrow());
  }

  @Property(tries = 300)
  void everyValueIsEitherRefusedOrReadBackUnchanged(@ForAll @StringLength(max = 30) String value) {
    try {
      String text = JdlWriter.write(Jdl.builder().string("Arguments", value).string("JobName", "x").build());
      ParsedJdl p = JdlParser.parse(text);
      assertEquals(value.strip(), p.string("Arguments").orElseThrow().strip());
      assertEquals("x", p.string("JobName").orElseThrow());
    } catch (JdlException e) {
      // refused: never written
    }
  }
}
