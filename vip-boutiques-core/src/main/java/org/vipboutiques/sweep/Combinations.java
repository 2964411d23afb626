package org.vipboutiques.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vipboutiques.json.JsonValue;

/**
 * The arithmetic of VIP's iteration: combination {@code i} is dot tuple {@code i / crossCount}
 * crossed with the mixed-radix digits of {@code i % crossCount} (the last crossed input fastest).
 * Computed per index, so nothing the size of the whole product is built to count or check it.
 */
final class Combinations {

  private final Map<String, List<JsonValue>> lists;
  private final List<String> dot;
  private final List<String> cross;
  private final long crossCount;
  private final long count;

  /** @param dot ids whose lists all have the same size (checked by the caller) */
  Combinations(Map<String, List<JsonValue>> lists, List<String> dot, List<String> cross) {
    this.lists = lists;
    this.dot = dot;
    this.cross = cross;
    this.crossCount = crossCount(lists, cross);
    this.count = count(lists, dot, cross);
  }

  /** The number of combinations of lists of these sizes; {@link Long#MAX_VALUE} when it does not fit. */
  static long count(Map<String, ? extends List<?>> lists, List<String> dot, List<String> cross) {
    return saturatedProduct(dot.isEmpty() ? 1 : lists.get(dot.get(0)).size(), crossCount(lists, cross));
  }

  private static long crossCount(Map<String, ? extends List<?>> lists, List<String> cross) {
    long c = 1;
    for (String id : cross) {
      c = saturatedProduct(c, lists.get(id).size());
    }
    return c;
  }

  /** The number of combinations; {@link Long#MAX_VALUE} when it does not fit. */
  long count() {
    return count;
  }

  /** The values of combination {@code index}, in the order of the lists. */
  Map<String, JsonValue> at(int index) {
    long tuple = index / crossCount;
    long rest = index % crossCount;
    Map<String, Integer> positions = new LinkedHashMap<>();
    for (String id : dot) {
      positions.put(id, (int) tuple);
    }
    for (int k = cross.size() - 1; k >= 0; k--) {
      int size = lists.get(cross.get(k)).size();
      positions.put(cross.get(k), (int) (rest % size));
      rest /= size;
    }
    Map<String, JsonValue> values = new LinkedHashMap<>();
    for (Map.Entry<String, List<JsonValue>> e : lists.entrySet()) {
      values.put(e.getKey(), e.getValue().get(positions.get(e.getKey())));
    }
    return values;
  }

  private static long saturatedProduct(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
