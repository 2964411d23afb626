package org.vipboutiques.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.json.JsonValue;

/**
 * One job of a sweep.
 *
 * @param index its place in the sweep, from 0
 * @param values the swept inputs' values, by input id, in the order of the sweep's lists
 * @param invocation the whole checked invocation (defaults applied)
 */
public record Combination(int index, Map<String, JsonValue> values, Invocation invocation) {

  public Combination {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    Objects.requireNonNull(invocation, "invocation");
  }
}
