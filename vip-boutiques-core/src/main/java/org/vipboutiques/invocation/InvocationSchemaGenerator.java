package org.vipboutiques.invocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonNull;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.PythonView;

/**
 * Generates the invocation JSON schema of a descriptor exactly as the reference does
 * ({@code generateInvocationSchema}), quirks included: a group that merely has a
 * {@code mutually-exclusive} key makes its members exclude each other, and of several groups
 * an input requires, only the last is enforced.
 */
public final class InvocationSchemaGenerator {

  private InvocationSchemaGenerator() {}

  /** The schema, as a JSON object. */
  public static JsonObject generate(Descriptor descriptor) {
    return new Generation(descriptor.json()).schema();
  }

  private static final class Generation {
    private final JsonObject desc;
    private final List<JsonObject> inputs = new ArrayList<>();
    private final List<JsonObject> groups = new ArrayList<>();
    private final Map<String, JsonValue> properties = new LinkedHashMap<>();

    Generation(JsonObject desc) {
      this.desc = desc;
      desc.array("inputs").ifPresent(a -> a.items().forEach(v -> {
        if (v instanceof JsonObject o) {
          inputs.add(o);
        }
      }));
      desc.array("groups").ifPresent(a -> a.items().forEach(v -> {
        if (v instanceof JsonObject o) {
          groups.add(o);
        }
      }));
    }

    JsonObject schema() {
      String name = desc.string("name").orElse("");
      Map<String, JsonValue> schema = new LinkedHashMap<>();
      schema.put("$schema", new JsonString("http://json-schema.org/draft-04/schema#"));
      schema.put("title", new JsonString(name + ".invocationSchema"));
      schema.put("description", new JsonString("Invocation schema for " + name.toLowerCase(Locale.ROOT) + "."));
      schema.put("type", new JsonString("object"));
      schema.put("additionalProperties", JsonBoolean.FALSE);
      for (JsonObject in : inputs) {
        properties.put(str(in, "id"), typeConstraints(in));
      }
      schema.put("properties", new JsonObject(properties));
      List<JsonValue> required = new ArrayList<>();
      for (JsonObject in : inputs) {
        if (!in.isTruthy("optional")) {
          required.add(in.members().getOrDefault("id", JsonNull.INSTANCE));
        }
      }
      if (!required.isEmpty()) {
        schema.put("required", new JsonArray(required));
      }
      List<JsonValue> allOf = new ArrayList<>();
      for (JsonObject g : groups) {
        if (g.isTruthy("one-is-required")) {
          List<JsonValue> anyOf = new ArrayList<>();
          for (String m : members(g)) {
            if (isFlag(m)) {
              anyOf.add(object("properties", object(m, object("enum", JsonArray.of(JsonBoolean.TRUE))),
                  "required", JsonArray.of(new JsonString(m))));
            } else {
              anyOf.add(object("required", JsonArray.of(new JsonString(m))));
            }
          }
          allOf.add(object("anyOf", new JsonArray(anyOf)));
        }
      }
      if (!allOf.isEmpty()) {
        schema.put("allOf", new JsonArray(allOf));
      }
      Map<String, JsonValue> dependencies = new LinkedHashMap<>();
      for (JsonObject in : inputs) {
        dependencies(in, dependencies);
      }
      schema.put("dependencies", new JsonObject(dependencies));
      return new JsonObject(schema);
    }

    private JsonValue undertype(JsonObject in) {
      String type = in.string("type").orElse("");
      if (in.isTruthy("integer")) {
        return object("type", new JsonString("integer"));
      }
      if (in.isTruthy("value-choices")) {
        return object("enum", in.members().get("value-choices"));
      }
      if (type.equals("File")) {
        return object("type", new JsonString("string"));
      }
      if (type.equals("Flag")) {
        return object("type", new JsonString("boolean"));
      }
      return object("type", new JsonString(type.toLowerCase(Locale.ROOT)));
    }

    private JsonValue typeConstraints(JsonObject in) {
      Map<String, JsonValue> outer = null;
      Map<String, JsonValue> target;
      if (in.isTruthy("list")) {
        outer = new LinkedHashMap<>();
        outer.put("type", new JsonString("array"));
        target = new LinkedHashMap<>(((JsonObject) undertype(in)).members());
        if (in.isTruthy("min-list-entries")) {
          outer.put("minItems", in.members().get("min-list-entries"));
        }
        if (in.isTruthy("max-list-entries")) {
          outer.put("maxItems", in.members().get("max-list-entries"));
        }
      } else {
        target = new LinkedHashMap<>(((JsonObject) undertype(in)).members());
      }
      JsonValue min = in.members().get("minimum");
      if (min != null && !(min instanceof JsonNull)) {
        target.put("minimum", min);
      }
      JsonValue max = in.members().get("maximum");
      if (max != null && !(max instanceof JsonNull)) {
        target.put("maximum", max);
      }
      if (in.isTruthy("exclusive-minimum")) {
        target.put("exclusiveMinimum", in.members().get("exclusive-minimum"));
      }
      if (in.isTruthy("exclusive-maximum")) {
        target.put("exclusiveMaximum", in.members().get("exclusive-maximum"));
      }
      if (outer == null) {
        return new JsonObject(target);
      }
      outer.put("items", new JsonObject(target));
      return new JsonObject(outer);
    }

    private void dependencies(JsonObject in, Map<String, JsonValue> h) {
      String id = str(in, "id");
      Map<String, JsonObject> grps = new LinkedHashMap<>();
      for (JsonObject g : groups) {
        grps.put(str(g, "id"), g);
      }
      List<String> reqs = new ArrayList<>();
      if (in.has("requires-inputs")) {
        in.array("requires-inputs").ifPresent(a -> a.items().forEach(v -> reqs.add(PythonView.str(v))));
      }
      List<String> disbs = new ArrayList<>();
      if (in.isTruthy("disables-inputs")) {
        in.array("disables-inputs").ifPresent(a -> a.items().forEach(v -> disbs.add(PythonView.str(v))));
      }
      for (JsonObject g : groups) {
        if (g.has("mutually-exclusive") && members(g).contains(id)) {
          for (String m : members(g)) {
            if (!m.equals(id)) {
              disbs.add(m);
            }
          }
        }
      }
      if (reqs.isEmpty() && disbs.isEmpty()) {
        return;
      }
      Map<String, JsonValue> disbMap = new LinkedHashMap<>();
      for (String d : disbs) {
        if (isFlag(d)) {
          disbMap.put(d, object("oneOf", JsonArray.of(object("not", JsonObject.EMPTY),
              object("enum", JsonArray.of(JsonBoolean.FALSE)))));
        } else {
          disbMap.put(d, object("not", JsonObject.EMPTY));
        }
      }
      // The reference shares one map between the branches and mutates it; the union is what counts.
      Map<String, JsonValue> reqMap = new LinkedHashMap<>();
      for (String r : reqs) {
        if (isFlag(r)) {
          reqMap.put(r, object("enum", JsonArray.of(JsonBoolean.TRUE)));
        }
      }
      JsonObject notThis = object("properties", object(id, object("enum", JsonArray.of(JsonBoolean.FALSE))));
      Map<String, JsonValue> entry = new LinkedHashMap<>();
      if (isFlag(id)) {
        JsonObject first;
        if (!reqs.isEmpty()) {
          reqMap.putAll(disbMap);
          first = object("properties", new JsonObject(reqMap), "required", strings(reqs));
        } else {
          first = object("properties", new JsonObject(disbMap));
        }
        entry.put("anyOf", JsonArray.of(first, notThis));
        h.put(id, new JsonObject(entry));
        return;
      }
      boolean hadReqs = !reqs.isEmpty();
      List<String> lastGroupMembers = null;
      List<String> groupReqs = new ArrayList<>();
      for (String r : reqs) {
        if (grps.containsKey(r)) {
          groupReqs.add(r);
        }
      }
      for (String r : groupReqs) {
        reqs.remove(r);
        lastGroupMembers = members(grps.get(r));
        for (String m : lastGroupMembers) {
          reqMap.put(m, properties.getOrDefault(m, JsonObject.EMPTY));
        }
      }
      reqMap.putAll(disbMap);
      JsonObject props = new JsonObject(reqMap);
      if (lastGroupMembers != null) {
        List<JsonValue> anyOf = new ArrayList<>();
        for (String m : lastGroupMembers) {
          List<String> req = new ArrayList<>(reqs);
          req.add(m);
          anyOf.add(object("properties", props, "required", strings(req)));
        }
        entry.put("anyOf", new JsonArray(anyOf));
      }
      entry.put("properties", props);
      if (hadReqs && !reqs.isEmpty()) {
        entry.put("required", strings(reqs));
      }
      h.put(id, new JsonObject(entry));
    }

    private boolean isFlag(String id) {
      for (JsonObject in : inputs) {
        if (in.members().get("id") instanceof JsonString s && s.value().equals(id)) {
          return in.string("type").map("Flag"::equals).orElse(false);
        }
      }
      return false;
    }

    private static List<String> members(JsonObject g) {
      List<String> out = new ArrayList<>();
      g.array("members").ifPresent(a -> a.items().forEach(v -> out.add(PythonView.str(v))));
      return out;
    }

    private static String str(JsonObject o, String key) {
      return PythonView.str(o.members().getOrDefault(key, JsonNull.INSTANCE));
    }

    private static JsonArray strings(List<String> values) {
      List<JsonValue> out = new ArrayList<>();
      for (String v : values) {
        out.add(new JsonString(v));
      }
      return new JsonArray(out);
    }

    private static JsonObject object(Object... keyValues) {
      Map<String, JsonValue> m = new LinkedHashMap<>();
      for (int i = 0; i < keyValues.length; i += 2) {
        m.put((String) keyValues[i], (JsonValue) keyValues[i + 1]);
      }
      return new JsonObject(m);
    }
  }
}
