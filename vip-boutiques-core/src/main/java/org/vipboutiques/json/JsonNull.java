package org.vipboutiques.json;

/** The JSON {@code null}. */
public record JsonNull() implements JsonValue {

  public static final JsonNull INSTANCE = new JsonNull();

  @Override
  public String typeName() {
    return "null";
  }

  @Override
  public boolean truthy() {
    return false;
  }

  @Override
  public String toString() {
    return "null";
  }
}
