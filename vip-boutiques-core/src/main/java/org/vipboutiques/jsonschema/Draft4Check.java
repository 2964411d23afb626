package org.vipboutiques.jsonschema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonNull;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.PythonView;

/**
 * A JSON Schema (draft-04), compiled once and checked with the semantics of the Python
 * {@code jsonschema} package the reference implementation uses: booleans are not numbers,
 * {@code 1.0} is not an integer, {@code 1 == 1.0} in enums and unique items, patterns match as
 * {@code re.search}, lengths count code points. Covers the keywords of the Boutiques descriptor
 * schema and of generated invocation schemas: type, enum, minimum/maximum with exclusivity,
 * minLength/maxLength, pattern, minItems/maxItems, items, uniqueItems, properties, required,
 * additionalProperties, allOf/anyOf/oneOf/not, dependencies. Other keywords are ignored.
 *
 * <p>Each schema object becomes a node whose keywords are fields, so a check costs field reads,
 * not map lookups, and failing branches of combinators cost nothing (no exceptions).
 * Immutable and thread-safe.
 */
public final class Draft4Check {

  private final List<String> types;
  private final List<JsonValue> enumValues;
  private final JsonNumber minimum;
  private final boolean exclusiveMinimum;
  private final JsonNumber maximum;
  private final boolean exclusiveMaximum;
  private final JsonNumber minLength;
  private final JsonNumber maxLength;
  private final Pattern pattern;
  private final JsonNumber minItems;
  private final JsonNumber maxItems;
  private final Draft4Check items;
  private final boolean uniqueItems;
  private final Map<String, Draft4Check> properties;
  private final List<String> required;
  private final boolean noAdditional;
  private final Draft4Check additional;
  private final Map<String, Draft4Check> dependencySchemas;
  private final Map<String, List<String>> dependencyNames;
  private final List<Draft4Check> allOf;
  private final List<Draft4Check> anyOf;
  private final List<Draft4Check> oneOf;
  private final Draft4Check not;

  private Draft4Check(JsonObject s) {
    types = s.get("type").map(Draft4Check::strings).orElse(null);
    enumValues = s.array("enum").map(JsonArray::items).orElse(null);
    minimum = s.number("minimum").orElse(null);
    exclusiveMinimum = s.isTruthy("exclusiveMinimum");
    maximum = s.number("maximum").orElse(null);
    exclusiveMaximum = s.isTruthy("exclusiveMaximum");
    minLength = s.number("minLength").orElse(null);
    maxLength = s.number("maxLength").orElse(null);
    pattern = s.string("pattern").map(p -> Pattern.compile(p, Pattern.UNIX_LINES)).orElse(null);
    minItems = s.number("minItems").orElse(null);
    maxItems = s.number("maxItems").orElse(null);
    items = s.object("items").map(Draft4Check::new).orElse(null);
    uniqueItems = s.bool("uniqueItems").orElse(false);
    properties = s.object("properties").map(Draft4Check::compileAll).orElse(Map.of());
    required = s.array("required").map(Draft4Check::strings).orElse(List.of());
    noAdditional = s.bool("additionalProperties").map(b -> !b).orElse(false);
    additional = s.object("additionalProperties").map(Draft4Check::new).orElse(null);
    Map<String, Draft4Check> depSchemas = new HashMap<>();
    Map<String, List<String>> depNames = new HashMap<>();
    s.object("dependencies").ifPresent(deps -> deps.members().forEach((k, v) -> {
      if (v instanceof JsonArray names) {
        depNames.put(k, strings(names));
      } else if (v instanceof JsonObject o) {
        depSchemas.put(k, new Draft4Check(o));
      }
    }));
    dependencySchemas = depSchemas;
    dependencyNames = depNames;
    allOf = s.array("allOf").map(Draft4Check::compileList).orElse(null);
    anyOf = s.array("anyOf").map(Draft4Check::compileList).orElse(null);
    oneOf = s.array("oneOf").map(Draft4Check::compileList).orElse(null);
    not = s.object("not").map(Draft4Check::new).orElse(null);
  }

  /** Compiles a schema. */
  public static Draft4Check compile(JsonObject schema) {
    return new Draft4Check(schema);
  }

  private static Map<String, Draft4Check> compileAll(JsonObject o) {
    Map<String, Draft4Check> out = new LinkedHashMap<>();
    o.members().forEach((k, v) -> {
      if (v instanceof JsonObject schema) {
        out.put(k, new Draft4Check(schema));
      }
    });
    return out;
  }

  private static List<Draft4Check> compileList(JsonArray a) {
    List<Draft4Check> out = new ArrayList<>();
    for (JsonValue v : a.items()) {
      out.add(v instanceof JsonObject o ? new Draft4Check(o) : new Draft4Check(JsonObject.EMPTY));
    }
    return out;
  }

  private static List<String> strings(JsonValue v) {
    List<String> out = new ArrayList<>();
    if (v instanceof JsonString s) {
      out.add(s.value());
    } else if (v instanceof JsonArray a) {
      for (JsonValue item : a.items()) {
        out.add(item instanceof JsonString s ? s.value() : item.toJson());
      }
    }
    return out;
  }

  /** Whether {@code instance} satisfies the schema. */
  public boolean valid(JsonValue instance) {
    return firstFailure(instance) == null;
  }

  /** The keyword of the first failure found, or empty. */
  public Optional<String> failure(JsonValue instance) {
    return Optional.ofNullable(firstFailure(instance));
  }

  private String firstFailure(JsonValue instance) {
    if (types != null && !typeMatches(types, instance)) {
      return "type";
    }
    if (enumValues != null && !inEnum(instance)) {
      return "enum";
    }
    if (instance instanceof JsonString str) {
      String f = stringFailure(str.value());
      if (f != null) {
        return f;
      }
    } else if (instance instanceof JsonNumber n) {
      String f = numberFailure(n);
      if (f != null) {
        return f;
      }
    } else if (instance instanceof JsonArray a) {
      String f = arrayFailure(a);
      if (f != null) {
        return f;
      }
    } else if (instance instanceof JsonObject o) {
      String f = objectFailure(o);
      if (f != null) {
        return f;
      }
    }
    if (allOf != null) {
      for (Draft4Check sub : allOf) {
        if (!sub.valid(instance)) {
          return "allOf";
        }
      }
    }
    if (anyOf != null) {
      boolean ok = false;
      for (Draft4Check sub : anyOf) {
        if (sub.valid(instance)) {
          ok = true;
          break;
        }
      }
      if (!ok) {
        return "anyOf";
      }
    }
    if (oneOf != null) {
      int count = 0;
      for (Draft4Check sub : oneOf) {
        if (sub.valid(instance) && ++count > 1) {
          break;
        }
      }
      if (count != 1) {
        return "oneOf";
      }
    }
    if (not != null && not.valid(instance)) {
      return "not";
    }
    return null;
  }

  private boolean inEnum(JsonValue instance) {
    for (JsonValue c : enumValues) {
      if (PythonView.schemaEquals(instance, c)) {
        return true;
      }
    }
    return false;
  }

  private String stringFailure(String s) {
    if (minLength != null || maxLength != null) {
      JsonNumber length = JsonNumber.of(s.codePointCount(0, s.length()));
      if (minLength != null && length.compareTo(minLength) < 0) {
        return "minLength";
      }
      if (maxLength != null && length.compareTo(maxLength) > 0) {
        return "maxLength";
      }
    }
    if (pattern != null && !pattern.matcher(s).find()) {
      return "pattern";
    }
    return null;
  }

  private String numberFailure(JsonNumber n) {
    if (minimum != null) {
      int c = n.compareTo(minimum);
      if (exclusiveMinimum ? c <= 0 : c < 0) {
        return "minimum";
      }
    }
    if (maximum != null) {
      int c = n.compareTo(maximum);
      if (exclusiveMaximum ? c >= 0 : c > 0) {
        return "maximum";
      }
    }
    return null;
  }

  private String arrayFailure(JsonArray a) {
    if (minItems != null && JsonNumber.of(a.size()).compareTo(minItems) < 0) {
      return "minItems";
    }
    if (maxItems != null && JsonNumber.of(a.size()).compareTo(maxItems) > 0) {
      return "maxItems";
    }
    if (items != null) {
      for (JsonValue item : a.items()) {
        if (!items.valid(item)) {
          return "items";
        }
      }
    }
    if (uniqueItems && UniqueItems.firstRepeat(a).isPresent()) {
      return "uniqueItems";
    }
    return null;
  }

  private String objectFailure(JsonObject o) {
    for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
      Draft4Check property = properties.get(e.getKey());
      if (property != null) {
        if (!property.valid(e.getValue())) {
          return "properties";
        }
      } else if (noAdditional || additional != null && !additional.valid(e.getValue())) {
        return "additionalProperties";
      }
    }
    for (String r : required) {
      if (!o.has(r)) {
        return "required";
      }
    }
    if (!dependencyNames.isEmpty() || !dependencySchemas.isEmpty()) {
      for (String key : o.keys()) {
        List<String> names = dependencyNames.get(key);
        if (names != null) {
          for (String n : names) {
            if (!o.has(n)) {
              return "dependencies";
            }
          }
        }
        Draft4Check schema = dependencySchemas.get(key);
        if (schema != null && !schema.valid(o)) {
          return "dependencies";
        }
      }
    }
    return null;
  }

  static boolean typeMatches(List<String> types, JsonValue instance) {
    for (String t : types) {
      if (isType(t, instance)) {
        return true;
      }
    }
    return false;
  }

  /** Python {@code jsonschema}'s draft-04 types. */
  public static boolean isType(String type, JsonValue instance) {
    return switch (type) {
      case "string" -> instance instanceof JsonString;
      case "number" -> instance instanceof JsonNumber;
      case "integer" -> instance instanceof JsonNumber n && n.isIntegral();
      case "boolean" -> instance instanceof JsonBoolean;
      case "array" -> instance instanceof JsonArray;
      case "object" -> instance instanceof JsonObject;
      case "null" -> instance instanceof JsonNull;
      case "any" -> true;
      default -> false;
    };
  }

  /**
   * Problems the draft-04 meta-schema (as the {@code jsonschema} package checks it) finds in a
   * schema, after which the reference refuses every invocation: empty or repeated required
   * lists, list bounds that are not non-negative integers, empty anyOf/allOf/oneOf.
   */
  public static Optional<String> metaSchemaProblem(JsonValue schemaValue) {
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
