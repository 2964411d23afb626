package org.vipboutiques.sweep;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.JsonWriter;

/**
 * A checked sweep: every combination valid, ready to submit with {@link Sweep#submit}.
 *
 * @param dotInputs the swept inputs zipped together ({@code vip:dot}), in the order of the lists
 * @param crossInputs the other swept inputs, crossed, the last one changing fastest
 * @param combinations every job, by index: the zipped tuples outermost, then the crossed inputs
 */
public record SweepPlan(Descriptor descriptor, List<String> dotInputs, List<String> crossInputs,
    List<Combination> combinations) {

  public SweepPlan {
    Objects.requireNonNull(descriptor, "descriptor");
    dotInputs = List.copyOf(dotInputs);
    crossInputs = List.copyOf(crossInputs);
    combinations = List.copyOf(combinations);
  }

  public int size() {
    return combinations.size();
  }

  /** {@code a=1, b="x"} (strings unquoted when plain), for messages. */
  static String describe(Map<String, JsonValue> values) {
    return values.entrySet().stream()
        .map(e -> e.getKey() + "=" + (e.getValue() instanceof JsonString s && s.value().matches("[\\w./:@+-]*")
            ? s.value() : JsonWriter.compact().write(e.getValue())))
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
