package org.vipboutiques.invocation;

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
 * Checks instances against the JSON schemas that invocation-schema generation produces
 * (draft-04 keywords: type, enum, minimum/maximum with exclusivity, minItems/maxItems, items,
 * properties, required, additionalProperties, allOf/anyOf/oneOf/not, dependencies), with the
 * semantics of the Python {@code jsonschema} package the reference uses: booleans are not
 * numbers, {@code 1.0} is not an integer, {@code 1 == 1.0} in enums.
 */
final class SchemaInterpreter {

  private SchemaInterpreter() {}

  /** Whether {@code instance} satisfies {@code schema}. */
  static boolean valid(JsonValue schema, JsonValue instance) {
    return firstFailure(schema, instance).isEmpty();
  }

  /** The first keyword that fails, if any. */
  static Optional<String> firstFailure(JsonValue schemaValue, JsonValue instance) {
    if (!(schemaValue instanceof JsonObject schema)) {
      return Optional.empty();
    }
    Map<String, JsonValue> s = schema.members();
    JsonValue type = s.get("type");
    if (type != null && !typeMatches(type, instance)) {
      return Optional.of("type");
    }
    JsonValue en = s.get("enum");
    if (en instanceof JsonArray choices) {
      boolean found = false;
      for (JsonValue c : choices.items()) {
        if (PythonView.schemaEquals(instance, c)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return Optional.of("enum");
      }
    }
    if (instance instanceof JsonNumber n) {
      if (s.get("minimum") instanceof JsonNumber min) {
        int c = n.compareTo(min);
        boolean exclusive = s.containsKey("exclusiveMinimum") && s.get("exclusiveMinimum").truthy();
        if (exclusive ? c <= 0 : c < 0) {
          return Optional.of("minimum");
        }
      }
      if (s.get("maximum") instanceof JsonNumber max) {
        int c = n.compareTo(max);
        boolean exclusive = s.containsKey("exclusiveMaximum") && s.get("exclusiveMaximum").truthy();
        if (exclusive ? c >= 0 : c > 0) {
          return Optional.of("maximum");
        }
      }
    }
    if (instance instanceof JsonArray a) {
      if (s.get("minItems") instanceof JsonNumber min && JsonNumber.of(a.size()).compareTo(min) < 0) {
        return Optional.of("minItems");
      }
      if (s.get("maxItems") instanceof JsonNumber max && JsonNumber.of(a.size()).compareTo(max) > 0) {
        return Optional.of("maxItems");
      }
      if (s.get("items") instanceof JsonObject items) {
        for (JsonValue item : a.items()) {
          if (!valid(items, item)) {
            return Optional.of("items");
          }
        }
      }
    }
    if (instance instanceof JsonObject o) {
      if (s.get("properties") instanceof JsonObject props) {
        for (Map.Entry<String, JsonValue> e : props.members().entrySet()) {
          JsonValue v = o.members().get(e.getKey());
          if (v != null && !valid(e.getValue(), v)) {
            return Optional.of("properties");
          }
        }
      }
      if (s.get("additionalProperties") instanceof JsonBoolean b && !b.value()) {
        JsonObject props = s.get("properties") instanceof JsonObject p ? p : JsonObject.EMPTY;
        for (String key : o.keys()) {
          if (!props.has(key)) {
            return Optional.of("additionalProperties");
          }
        }
      }
      if (s.get("required") instanceof JsonArray required) {
        for (JsonValue r : required.items()) {
          if (!(r instanceof JsonString rs) || !o.has(rs.value())) {
            return Optional.of("required");
          }
        }
      }
      if (s.get("dependencies") instanceof JsonObject deps) {
        for (Map.Entry<String, JsonValue> e : deps.members().entrySet()) {
          if (!o.has(e.getKey())) {
            continue;
          }
          if (e.getValue() instanceof JsonArray names) {
            for (JsonValue r : names.items()) {
              if (!(r instanceof JsonString rs) || !o.has(rs.value())) {
                return Optional.of("dependencies");
              }
            }
          } else if (!valid(e.getValue(), o)) {
            return Optional.of("dependencies");
          }
        }
      }
    }
    if (s.get("allOf") instanceof JsonArray all) {
      for (JsonValue sub : all.items()) {
        if (!valid(sub, instance)) {
          return Optional.of("allOf");
        }
      }
    }
    if (s.get("anyOf") instanceof JsonArray any) {
      boolean ok = false;
      for (JsonValue sub : any.items()) {
        if (valid(sub, instance)) {
          ok = true;
          break;
        }
      }
      if (!ok) {
        return Optional.of("anyOf");
      }
    }
    if (s.get("oneOf") instanceof JsonArray one) {
      int count = 0;
      for (JsonValue sub : one.items()) {
        if (valid(sub, instance)) {
          count++;
        }
      }
      if (count != 1) {
        return Optional.of("oneOf");
      }
    }
    if (s.containsKey("not") && valid(s.get("not"), instance)) {
      return Optional.of("not");
    }
    return Optional.empty();
  }

  static boolean typeMatches(JsonValue type, JsonValue instance) {
    if (type instanceof JsonString t) {
      return isType(t.value(), instance);
    }
    if (type instanceof JsonArray types) {
      for (JsonValue t : types.items()) {
        if (t instanceof JsonString ts && isType(ts.value(), instance)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  static boolean isType(String type, JsonValue instance) {
    return switch (type) {
      case "string" -> instance instanceof JsonString;
      case "number" -> instance instanceof JsonNumber;
      case "integer" -> instance instanceof JsonNumber n && n.isIntegral();
      case "boolean" -> instance instanceof JsonBoolean;
      case "array" -> instance instanceof JsonArray;
      case "object" -> instance instanceof JsonObject;
      case "null" -> instance instanceof org.vipboutiques.json.JsonNull;
      case "any" -> true;
      default -> false;
    };
  }

  /**
   * Problems the draft-04 meta-schema (as the {@code jsonschema} package checks it) finds in a
   * generated schema, after which the reference refuses every invocation: empty or repeated
   * required lists, list bounds that are not non-negative integers, empty anyOf/allOf/oneOf.
   */
  static Optional<String> metaSchemaProblem(JsonValue schemaValue) {
    if (!(schemaValue instanceof JsonObject schema)) {
      return Optional.empty();
    }
    Map<String, JsonValue> s = schema.members();
    for (String key : List.of("required")) {
      if (s.get(key) instanceof JsonArray req) {
        if (req.size() == 0) {
          return Optional.of("an empty list of required inputs");
        }
        if (!unique(req.items())) {
          return Optional.of("the required inputs " + PythonView.repr(req) + " repeat an id");
        }
      }
    }
    for (String key : List.of("minItems", "maxItems")) {
      JsonValue v = s.get(key);
      if (v != null && !(v instanceof JsonNumber n && n.isIntegral() && n.bigIntegerValue().signum() >= 0)) {
        return Optional.of("a list bound (" + key.replace("Items", "-list-entries") + " = " + PythonView.repr(v)
            + ") that is not a non-negative integer");
      }
    }
    for (String key : List.of("anyOf", "allOf", "oneOf")) {
      if (s.get(key) instanceof JsonArray subs) {
        if (subs.size() == 0) {
          return Optional.of("a group without members where a member is needed");
        }
        for (JsonValue sub : subs.items()) {
          Optional<String> p = metaSchemaProblem(sub);
          if (p.isPresent()) {
            return p;
          }
        }
      }
    }
    for (String key : List.of("properties", "dependencies")) {
      if (s.get(key) instanceof JsonObject children) {
        for (JsonValue sub : children.members().values()) {
          Optional<String> p = metaSchemaProblem(sub);
          if (p.isPresent()) {
            return p;
          }
        }
      }
    }
    for (String key : List.of("items", "not")) {
      Optional<String> p = metaSchemaProblem(s.get(key));
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  private static boolean unique(List<JsonValue> items) {
    for (int i = 0; i < items.size(); i++) {
      for (int j = i + 1; j < items.size(); j++) {
        if (PythonView.schemaEquals(items.get(i), items.get(j))) {
          return false;
        }
      }
    }
    return true;
  }
}
