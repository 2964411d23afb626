package org.vipboutiques.invocation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.Group;
import org.vipboutiques.descriptor.Input;
import org.vipboutiques.descriptor.InputType;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonNull;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.PythonView;
import org.vipboutiques.jsonschema.Draft4Check;

/**
 * Checks invocations against a descriptor. Defaults are applied first, then every rule is
 * checked on the result: the descriptor's invocation schema (generated exactly as the reference
 * generates it, or the descriptor's own {@code invocation-schema}), then what the reference
 * forgets: all-or-none groups, {@code value-requires}, {@code value-disables}, and choices of
 * integer inputs. Unlike the reference, an empty invocation is checked too.
 *
 * <p>One instance per descriptor, thread-safe; {@link #of(Descriptor)} keeps them.
 */
public final class InvocationValidator {

  private static final Map<Descriptor, InvocationValidator> CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final Descriptor descriptor;
  private final JsonObject generated;
  private final Optional<String> unsatisfiable;
  private final Optional<Schema> ownSchema;
  private final Optional<String> ownSchemaProblem;
  private final Map<String, Draft4Check> propertyChecks = new LinkedHashMap<>();
  private final List<Draft4Check> allOfChecks = new ArrayList<>();
  private final Map<String, Draft4Check> dependencyChecks = new LinkedHashMap<>();

  private InvocationValidator(Descriptor descriptor) {
    this.descriptor = descriptor;
    this.generated = InvocationSchemaGenerator.generate(descriptor);
    this.unsatisfiable = Draft4Check.metaSchemaProblem(generated);
    generated.object("properties").ifPresent(p -> p.members().forEach((id, schema) ->
        propertyChecks.put(id, Draft4Check.compile((JsonObject) schema))));
    generated.array("allOf").ifPresent(a -> a.items().forEach(schema ->
        allOfChecks.add(Draft4Check.compile((JsonObject) schema))));
    generated.object("dependencies").ifPresent(d -> d.members().forEach((id, schema) ->
        dependencyChecks.put(id, Draft4Check.compile((JsonObject) schema))));
    Optional<Schema> own = Optional.empty();
    Optional<String> ownProblem = Optional.empty();
    Optional<JsonObject> declared = descriptor.invocationSchema().filter(JsonObject::truthy);
    if (declared.isPresent()) {
      try {
        own = Optional.of(SchemaLoader.load(new JSONObject(declared.get().toJson())));
      } catch (RuntimeException e) {
        ownProblem = Optional.of(e.getMessage());
      }
    }
    this.ownSchema = own;
    this.ownSchemaProblem = ownProblem;
  }

  /** The validator of a descriptor (made once and kept while the descriptor is in use). */
  public static InvocationValidator of(Descriptor descriptor) {
    InvocationValidator v = CACHE.get(descriptor);
    if (v == null) {
      v = new InvocationValidator(descriptor);
      CACHE.put(descriptor, v);
    }
    return v;
  }

  /** The invocation schema: the descriptor's own {@code invocation-schema}, or the generated one. */
  public JsonObject schema() {
    return descriptor.invocationSchema().filter(JsonObject::truthy).orElse(generated);
  }

  /** The schema generated from the descriptor, as the reference generates it. */
  public JsonObject generatedSchema() {
    return generated;
  }

  /** Applies defaults and checks the result; the valid invocation, or every error found. */
  public Invocation validate(JsonObject raw) throws InvalidInvocationException {
    JsonObject values = withDefaults(raw);
    List<InvocationError> errors = check(values);
    if (!errors.isEmpty()) {
      throw new InvalidInvocationException(errors);
    }
    return new Invocation(values);
  }

  /**
   * The reference's {@code addDefaultValues}: each input with a {@code default-value} and no
   * value (absent or {@code null}) gets its default.
   */
  public JsonObject withDefaults(JsonObject raw) {
    Map<String, JsonValue> values = new LinkedHashMap<>(raw.members());
    for (Input in : descriptor.inputs()) {
      Optional<JsonValue> def = in.defaultValue().filter(v -> !(v instanceof JsonNull));
      if (def.isPresent()) {
        JsonValue current = values.get(in.id());
        if (current == null || current instanceof JsonNull) {
          values.put(in.id(), def.get());
        }
      }
    }
    return new JsonObject(values);
  }

  /** Every rule, on values that already have their defaults. */
  public List<InvocationError> check(JsonObject values) {
    List<InvocationError> errors = new ArrayList<>();
    if (ownSchema.isPresent()) {
      try {
        ownSchema.get().validate(new JSONObject(values.toJson()));
      } catch (ValidationException e) {
        for (String m : e.getAllMessages()) {
          errors.add(new InvocationError(InvocationRule.SCHEMA, idsIn(m),
              "the descriptor's invocation-schema refuses it: " + m));
        }
      }
    } else if (ownSchemaProblem.isPresent()) {
      errors.add(InvocationError.of(InvocationRule.UNSATISFIABLE_SCHEMA,
          "the descriptor's invocation-schema cannot be used: " + ownSchemaProblem.get()));
    } else if (unsatisfiable.isPresent()) {
      errors.add(InvocationError.of(InvocationRule.UNSATISFIABLE_SCHEMA, "no invocation of this descriptor can be"
          + " valid: its invocation schema has " + unsatisfiable.get() + "; fix the descriptor"));
    } else {
      checkGenerated(values, errors);
    }
    checkBeyondReference(values, errors);
    // Both sides of a broken pair report it; keep one.
    return List.copyOf(new java.util.LinkedHashSet<>(errors));
  }

  private static final java.util.regex.Pattern MESSAGE_IDS =
      java.util.regex.Pattern.compile("^#/([^/:]+)|required key \\[([^\\]]+)\\]");

  /** The input ids an everit message names: the first pointer step, or a missing required key. */
  private static List<String> idsIn(String message) {
    List<String> ids = new ArrayList<>();
    java.util.regex.Matcher m = MESSAGE_IDS.matcher(message);
    while (m.find()) {
      ids.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return ids;
  }

  // ---- the generated schema, keyword by keyword, for precise messages

  private void checkGenerated(JsonObject values, List<InvocationError> errors) {
    JsonObject properties = generated.object("properties").orElse(JsonObject.EMPTY);
    for (String key : values.keys()) {
      if (!properties.has(key)) {
        errors.add(InvocationError.of(InvocationRule.UNKNOWN_INPUT, "\"" + key + "\" is not an input of "
            + descriptor.name() + (descriptor.inputs().isEmpty() ? "" : "; inputs are " + inputIds()), key));
      }
    }
    for (JsonValue r : generated.array("required").map(JsonArray::items).orElse(List.of())) {
      String id = PythonView.str(r);
      if (!values.has(id)) {
        errors.add(InvocationError.of(InvocationRule.MISSING_REQUIRED, "required input \"" + id + "\" has no value",
            id));
      }
    }
    for (Map.Entry<String, JsonValue> e : properties.members().entrySet()) {
      JsonValue value = values.members().get(e.getKey());
      if (value != null && !propertyChecks.get(e.getKey()).valid(value)) {
        describeValueProblem(e.getKey(), e.getValue(), value).ifPresent(errors::add);
      }
    }
    List<Group> oneRequired = descriptor.groups().stream()
        .filter(g -> g.json().isTruthy("one-is-required")).toList();
    for (int i = 0; i < allOfChecks.size(); i++) {
      if (!allOfChecks.get(i).valid(values)) {
        Group g = i < oneRequired.size() ? oneRequired.get(i) : null;
        String members = g == null ? "" : String.join("\", \"", g.members());
        errors.add(InvocationError.of(InvocationRule.ONE_IS_REQUIRED, "one of \"" + members + "\" (group \""
            + (g == null ? "?" : g.id()) + "\") must be set" + (g != null && hasFlag(g) ? " (a Flag counts when true)" : ""),
            g == null ? "?" : g.id()));
      }
    }
    for (Map.Entry<String, Draft4Check> e : dependencyChecks.entrySet()) {
      if (values.has(e.getKey()) && !e.getValue().valid(values)) {
        errors.addAll(explainDependency(e.getKey(), values));
      }
    }
  }

  private Optional<InvocationError> describeValueProblem(String id, JsonValue schema, JsonValue value) {
    Optional<String> failure = Draft4Check.compile((JsonObject) schema).failure(value);
    if (failure.isEmpty()) {
      return Optional.empty();
    }
    JsonObject s = (JsonObject) schema;
    String keyword = failure.get();
    JsonValue subject = value;
    if (keyword.equals("items") && value instanceof JsonArray a) {
      JsonObject items = s.object("items").orElse(JsonObject.EMPTY);
      for (JsonValue item : a.items()) {
        Optional<String> f = Draft4Check.compile(items).failure(item);
        if (f.isPresent()) {
          keyword = f.get();
          s = items;
          subject = item;
          break;
        }
      }
    }
    String shown = subject.toJson();
    String where = "input \"" + id + "\": ";
    switch (keyword) {
      case "type": {
        String expected = s.get("type").map(PythonView::str).orElse("?");
        return Optional.of(InvocationError.of(InvocationRule.WRONG_TYPE, where + "expected " + article(expected)
            + ", got " + shown, id));
      }
      case "enum":
        return Optional.of(InvocationError.of(InvocationRule.NOT_A_CHOICE, where + shown + " is not one of "
            + s.get("enum").map(JsonValue::toJson).orElse("[]"), id));
      case "minimum":
        return Optional.of(InvocationError.of(InvocationRule.OUT_OF_RANGE, where + shown + " is below the minimum "
            + s.get("minimum").map(JsonValue::toJson).orElse("?")
            + (s.isTruthy("exclusiveMinimum") ? " (exclusive)" : ""), id));
      case "maximum":
        return Optional.of(InvocationError.of(InvocationRule.OUT_OF_RANGE, where + shown + " is above the maximum "
            + s.get("maximum").map(JsonValue::toJson).orElse("?")
            + (s.isTruthy("exclusiveMaximum") ? " (exclusive)" : ""), id));
      case "minItems":
        return Optional.of(InvocationError.of(InvocationRule.LIST_LENGTH, where + "has " + ((JsonArray) value).size()
            + " entries, fewer than the minimum " + s.get("minItems").map(JsonValue::toJson).orElse("?"), id));
      case "maxItems":
        return Optional.of(InvocationError.of(InvocationRule.LIST_LENGTH, where + "has " + ((JsonArray) value).size()
            + " entries, more than the maximum " + s.get("maxItems").map(JsonValue::toJson).orElse("?"), id));
      default:
        return Optional.of(InvocationError.of(InvocationRule.WRONG_TYPE, where + shown + " is not accepted", id));
    }
  }

  private static String article(String type) {
    return switch (type) {
      case "integer", "array", "object" -> "an " + type;
      default -> "a " + type;
    };
  }

  private boolean hasFlag(Group g) {
    return g.members().stream().anyMatch(m -> descriptor.input(m).map(i -> i.type() == InputType.FLAG).orElse(false));
  }

  private String inputIds() {
    return String.join(", ", descriptor.inputs().stream().map(Input::id).toList());
  }

  /** Why the dependency of {@code id} fails, in the descriptor's terms. */
  private List<InvocationError> explainDependency(String id, JsonObject values) {
    List<InvocationError> out = new ArrayList<>();
    Input in = descriptor.input(id).orElse(null);
    if (in == null) {
      return List.of(InvocationError.of(InvocationRule.REQUIRES, "input \"" + id + "\" conflicts with other inputs", id));
    }
    for (String r : in.requiresInputs()) {
      Optional<Group> group = descriptor.group(r);
      if (group.isPresent()) {
        if (group.get().members().stream().noneMatch(m -> active(values, m))) {
          out.add(InvocationError.of(InvocationRule.REQUIRES, "input \"" + id + "\" requires a member of group \"" + r
              + "\" (" + String.join(", ", group.get().members()) + ")", id, r));
        }
      } else if (!active(values, r)) {
        out.add(InvocationError.of(InvocationRule.REQUIRES, "input \"" + id + "\" requires \"" + r + "\", which is "
            + (values.has(r) ? "false" : "not set"), id, r));
      }
    }
    if (in.type() != InputType.FLAG || active(values, id)) {
      for (String d : in.disablesInputs()) {
        if (active(values, d)) {
          out.add(InvocationError.of(InvocationRule.DISABLES, "input \"" + id + "\" disables \"" + d
              + "\"; give only one of them", id, d));
        }
      }
      for (Group g : descriptor.groups()) {
        if (g.json().has("mutually-exclusive") && g.members().contains(id)) {
          for (String m : g.members()) {
            if (!m.equals(id) && active(values, m)) {
              String a = id.compareTo(m) < 0 ? id : m;
              String b = id.compareTo(m) < 0 ? m : id;
              out.add(InvocationError.of(InvocationRule.MUTUALLY_EXCLUSIVE, "inputs \"" + a + "\" and \"" + b
                  + "\" are mutually exclusive (group \"" + g.id() + "\"); give only one of them", a, b, g.id()));
            }
          }
        }
      }
    }
    if (out.isEmpty()) {
      out.add(InvocationError.of(InvocationRule.REQUIRES, "input \"" + id + "\" cannot be given together with these"
          + " values of the inputs it requires or disables", id));
    }
    return out;
  }

  /** Set, in the sense of requirements: present, and not a false Flag. */
  private static boolean active(JsonObject values, String id) {
    JsonValue v = values.members().get(id);
    return v != null && !(v instanceof JsonBoolean b && !b.value()) && !(v instanceof JsonNull);
  }

  // ---- what the reference does not enforce

  private void checkBeyondReference(JsonObject values, List<InvocationError> errors) {
    for (Input in : descriptor.inputs()) {
      JsonValue value = values.members().get(in.id());
      if (value == null) {
        continue;
      }
      if (in.integer() && in.hasChoices()) {
        for (JsonValue v : in.list() && value instanceof JsonArray a ? a.items() : List.of(value)) {
          if (v instanceof JsonNumber && !PythonView.pyIn(v, in.valueChoices())) {
            errors.add(InvocationError.of(InvocationRule.NOT_A_CHOICE, "input \"" + in.id() + "\": " + v.toJson()
                + " is not one of " + new JsonArray(in.valueChoices()).toJson(), in.id()));
          }
        }
      }
      if (!active(values, in.id())) {
        continue;
      }
      for (JsonValue v : value instanceof JsonArray a ? a.items() : List.of(value)) {
        if (!(v instanceof JsonString) && !(v instanceof JsonNumber)) {
          continue;
        }
        String choice = PythonView.str(v);
        for (String r : in.valueRequires().getOrDefault(choice, List.of())) {
          if (!active(values, r)) {
            errors.add(InvocationError.of(InvocationRule.VALUE_REQUIRES, "input \"" + in.id() + "\" = " + v.toJson()
                + " requires \"" + r + "\", which is not set", in.id(), r));
          }
        }
        for (String d : in.valueDisables().getOrDefault(choice, List.of())) {
          if (active(values, d)) {
            errors.add(InvocationError.of(InvocationRule.VALUE_DISABLES, "input \"" + in.id() + "\" = " + v.toJson()
                + " disables \"" + d + "\", which is set" + (in.id().equals(d) ? "" : " (possibly by its default)"),
                in.id(), d));
          }
        }
      }
    }
    for (Group g : descriptor.groups()) {
      if (!g.allOrNone()) {
        continue;
      }
      List<String> set = g.members().stream().filter(m -> active(values, m)).toList();
      if (!set.isEmpty() && set.size() < g.members().size()) {
        List<String> missing = g.members().stream().filter(m -> !active(values, m)).toList();
        List<String> ids = new ArrayList<>();
        ids.add(g.id());
        ids.addAll(missing);
        errors.add(new InvocationError(InvocationRule.ALL_OR_NONE, ids, "group \"" + g.id() + "\" is all-or-none: \""
            + String.join("\", \"", set) + "\" " + (set.size() == 1 ? "is" : "are") + " set but \""
            + String.join("\", \"", missing) + "\" " + (missing.size() == 1 ? "is" : "are") + " not"));
      }
    }
  }
}
