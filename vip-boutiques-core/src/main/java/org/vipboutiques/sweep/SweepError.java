package org.vipboutiques.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.json.JsonValue;

/**
 * Why a sweep cannot run: a problem of the whole sweep ({@link #combination()} empty: an unknown
 * input, a {@code vip:dot} over lists of different lengths, too many jobs) or of one combination
 * (its index and values, and what the descriptor says of them).
 */
public record SweepError(Optional<Integer> combination, Map<String, JsonValue> values, String message) {

  public SweepError {
    Objects.requireNonNull(combination, "combination");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    Objects.requireNonNull(message, "message");
  }

  static SweepError whole(String message) {
    return new SweepError(Optional.empty(), Map.of(), message);
  }

  @Override
  public String toString() {
    return combination.map(i -> "combination " + i + " " + SweepPlan.describe(values) + ": ").orElse("") + message;
  }
}
