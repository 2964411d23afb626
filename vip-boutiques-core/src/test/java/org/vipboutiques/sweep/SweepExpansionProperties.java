package org.vipboutiques.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/**
 * VIP's iteration, against a count and a listing made independently: a and b are zipped
 * (vip:dot), c and d crossed; each is swept or not.
 */
class SweepExpansionProperties {

  @Property(tries = 200)
  void combinationsAreTheProductEachOnceWithDotInputsAligned(
      @ForAll @IntRange(min = 0, max = 6) int dotLength, @ForAll boolean sweepB,
      @ForAll @IntRange(min = 0, max = 5) int cSize, @ForAll @IntRange(min = 0, max = 5) int dSize)
      throws Exception {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    if (dotLength > 0) {
      lists.put("a", values("a", dotLength));
      if (sweepB) {
        lists.put("b", values("b", dotLength));
      }
    }
    if (cSize > 0) {
      lists.put("c", values("c", cSize));
    }
    if (dSize > 0) {
      lists.put("d", values("d", dSize));
    }
    if (lists.isEmpty()) {
      return;
    }
    Sweep.Builder builder = Sweep.builder(SweepTools.TOOL);
    lists.forEach(builder::values);
    SweepPlan plan = builder.plan();

    int expected = Math.max(1, dotLength) * Math.max(1, cSize) * Math.max(1, dSize);
    assertEquals(expected, plan.size(), "dot length x product of the crossed sizes");

    Set<Map<String, JsonValue>> seen = new HashSet<>();
    for (int i = 0; i < plan.size(); i++) {
      Combination c = plan.combinations().get(i);
      assertEquals(i, c.index());
      seen.add(c.values());
      if (c.values().containsKey("b")) {
        assertEquals(suffix(c.values().get("a")), suffix(c.values().get("b")), "a and b stay aligned: " + c.values());
      }
      assertEquals(c.values().get("a"), c.invocation().get("a").orElse(null), "the invocation holds the values");
    }
    assertEquals(expected, seen.size(), "every combination once");
    assertEquals(expected(lists), seen, "exactly VIP's combinations");
  }

  /** The combinations listed by nested loops: dot tuples times the cross product. */
  private static Set<Map<String, JsonValue>> expected(Map<String, List<String>> lists) {
    List<Map<String, JsonValue>> partial = new ArrayList<>();
    int dot = lists.containsKey("a") ? lists.get("a").size() : 0;
    if (dot == 0) {
      partial.add(Map.of());
    }
    for (int i = 0; i < dot; i++) {
      Map<String, JsonValue> m = new LinkedHashMap<>();
      m.put("a", new JsonString(lists.get("a").get(i)));
      if (lists.containsKey("b")) {
        m.put("b", new JsonString(lists.get("b").get(i)));
      }
      partial.add(m);
    }
    for (String id : List.of("c", "d")) {
      if (!lists.containsKey(id)) {
        continue;
      }
      List<Map<String, JsonValue>> next = new ArrayList<>();
      for (Map<String, JsonValue> m : partial) {
        for (String v : lists.get(id)) {
          Map<String, JsonValue> n = new LinkedHashMap<>(m);
          n.put(id, new JsonString(v));
          next.add(n);
        }
      }
      partial = next;
    }
    return new HashSet<>(partial);
  }

  private static List<String> values(String id, int n) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(id + i);
    }
    return values;
  }

  private static String suffix(JsonValue v) {
    return ((JsonString) v).value().substring(1);
  }
}
