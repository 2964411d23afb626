package org.vipboutiques.invocation;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonValue;

/**
 * The values given to a tool's inputs, by input id, with defaults applied. Immutable; obtained
 * from {@link InvocationValidator}, so it is valid for the descriptor it was checked against.
 */
public final class Invocation {

  private final JsonObject values;

  Invocation(JsonObject values) {
    this.values = Objects.requireNonNull(values, "values");
  }

  /** The values as a JSON object, in the order given (defaults last). */
  public JsonObject toJson() {
    return values;
  }

  public Map<String, JsonValue> values() {
    return values.members();
  }

  public Optional<JsonValue> get(String inputId) {
    return values.get(inputId);
  }

  public boolean has(String inputId) {
    return values.has(inputId);
  }

  public Set<String> ids() {
    return values.keys();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Invocation i && i.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toJson();
  }
}
