package org.vipboutiques.json;

/**
 * An immutable JSON value, kept as Python's {@code json} module would see it: integral
 * literals stay integers, decimal literals are floats, objects keep their key order.
 *
 * <p>The reference implementation of Boutiques is written in Python; keeping that view of
 * the data is what lets command lines and verdicts agree with it byte for byte.
 */
public sealed interface JsonValue
    permits JsonString, JsonNumber, JsonBoolean, JsonNull, JsonArray, JsonObject {

  /** The JSON type name, as used in messages: {@code string}, {@code number}, ... */
  String typeName();

  /** Python truthiness: empty strings, zero, false, null and empty containers are false. */
  boolean truthy();

  /** This value as JSON text (compact). */
  default String toJson() {
    return JsonWriter.compact().write(this);
  }
}
