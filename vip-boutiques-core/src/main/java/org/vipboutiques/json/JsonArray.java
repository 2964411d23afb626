package org.vipboutiques.json;

import java.util.List;

/** A JSON array; its list is immutable. */
public record JsonArray(List<JsonValue> items) implements JsonValue {

  public static final JsonArray EMPTY = new JsonArray(List.of());

  public JsonArray {
    items = List.copyOf(items);
  }

  public static JsonArray of(JsonValue... items) {
    return new JsonArray(List.of(items));
  }

  public int size() {
    return items.size();
  }

  public JsonValue get(int index) {
    return items.get(index);
  }

  @Override
  public String typeName() {
    return "array";
  }

  @Override
  public boolean truthy() {
    return !items.isEmpty();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
