package org.vipboutiques.jsonschema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.PythonView;

/**
 * JSON schema {@code uniqueItems} in linear time: items are bucketed by a hash that agrees with
 * the equality of the Python {@code jsonschema} package ({@code 1 == 1.0}, {@code true != 1},
 * key order ignored), and only items in one bucket are compared.
 */
public final class UniqueItems {

  private static final double EXACT = 9007199254740992.0;

  private UniqueItems() {}

  /** The indices of the first two equal items, if any. */
  public static Optional<int[]> firstRepeat(JsonArray items) {
    if (items.size() < 2) {
      return Optional.empty();
    }
    Map<Integer, List<Integer>> buckets = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      List<Integer> bucket = buckets.computeIfAbsent(hash(items.get(i)), h -> new ArrayList<>(1));
      for (int j : bucket) {
        if (PythonView.schemaEquals(items.get(j), items.get(i))) {
          return Optional.of(new int[] {j, i});
        }
      }
      bucket.add(i);
    }
    return Optional.empty();
  }

  static int hash(JsonValue v) {
    if (v instanceof JsonString s) {
      return s.value().hashCode();
    }
    if (v instanceof JsonNumber n) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) < EXACT) {
        return Double.hashCode(d == 0.0 ? 0.0 : d);
      }
      return n.exactValue().stripTrailingZeros().hashCode();
    }
    if (v instanceof JsonBoolean b) {
      return b.value() ? 0x5eed1 : 0x5eed0;
    }
    if (v instanceof JsonArray a) {
      int h = 1;
      for (JsonValue item : a.items()) {
        h = 31 * h + hash(item);
      }
      return h;
    }
    if (v instanceof JsonObject o) {
      int h = 0x0b1ec7;
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        h += e.getKey().hashCode() ^ hash(e.getValue());
      }
      return h;
    }
    return 0;
  }
}
