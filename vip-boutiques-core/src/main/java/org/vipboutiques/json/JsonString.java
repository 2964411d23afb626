package org.vipboutiques.json;

import java.util.Objects;

/** A JSON string. */
public record JsonString(String value) implements JsonValue {

  public JsonString {
    Objects.requireNonNull(value, "value");
  }

  public static JsonString of(String value) {
    return new JsonString(value);
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public boolean truthy() {
    return !value.isEmpty();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
