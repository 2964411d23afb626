package org.vipboutiques.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A JSON object; its members keep their order and cannot be changed. */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {

  public static final JsonObject EMPTY = new JsonObject(Map.of());

  public JsonObject {
    members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
  }

  public boolean has(String key) {
    return members.containsKey(key);
  }

  public Optional<JsonValue> get(String key) {
    return Optional.ofNullable(members.get(key));
  }

  public Set<String> keys() {
    return members.keySet();
  }

  public int size() {
    return members.size();
  }

  /** The string member {@code key}, when present and a string. */
  public Optional<String> string(String key) {
    return members.get(key) instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
  }

  /** The boolean member {@code key}, when present and a boolean. */
  public Optional<Boolean> bool(String key) {
    return members.get(key) instanceof JsonBoolean b ? Optional.of(b.value()) : Optional.empty();
  }

  /** The member {@code key} is present and true in Python's sense. */
  public boolean isTruthy(String key) {
    JsonValue v = members.get(key);
    return v != null && v.truthy();
  }

  /** The number member {@code key}, when present and a number. */
  public Optional<JsonNumber> number(String key) {
    return members.get(key) instanceof JsonNumber n ? Optional.of(n) : Optional.empty();
  }

  /** The array member {@code key}, when present and an array. */
  public Optional<JsonArray> array(String key) {
    return members.get(key) instanceof JsonArray a ? Optional.of(a) : Optional.empty();
  }

  /** The object member {@code key}, when present and an object. */
  public Optional<JsonObject> object(String key) {
    return members.get(key) instanceof JsonObject o ? Optional.of(o) : Optional.empty();
  }

  /** A copy with {@code key} set to {@code value} (added last when new). */
  public JsonObject with(String key, JsonValue value) {
    Map<String, JsonValue> copy = new LinkedHashMap<>(members);
    copy.put(key, value);
    return new JsonObject(copy);
  }

  /** A copy without {@code key}. */
  public JsonObject without(String key) {
    if (!members.containsKey(key)) {
      return this;
    }
    Map<String, JsonValue> copy = new LinkedHashMap<>(members);
    copy.remove(key);
    return new JsonObject(copy);
  }

  @Override
  public String typeName() {
    return "object";
  }

  @Override
  public boolean truthy() {
    return !members.isEmpty();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
