package org.vipboutiques.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.jsonschema.Draft4Check;
import org.vipboutiques.jsonschema.UniqueItems;

/**
 * The Boutiques 0.5 descriptor JSON schema (draft-04). The schema is the project's own resource,
 * constraint for constraint the upstream one.
 *
 * <p>Two engines read it. {@link Draft4Check} decides, with the Python {@code jsonschema}
 * semantics of the reference, in a few microseconds and without exceptions. When it finds a
 * descriptor invalid, everit-json-schema reports the errors, with a pointer to each. Tests hold
 * the two to the same verdicts over the conformance corpus and thousands of mutants.
 */
final class DescriptorSchema {

  static final String RESOURCE = "descriptor.schema.json";

  private DescriptorSchema() {}

  /**
   * The top-level arrays whose items must be unique. everit compares every pair of items with
   * org.json's deep {@code similar()}, which made uniqueness most of the cost of validating a
   * descriptor; these are checked here instead, in linear time, with the equality the Python
   * {@code jsonschema} package uses, and removed from the schema everit compiles.
   */
  private static final List<String> UNIQUE_ARRAYS = new ArrayList<>();

  /** The schema as JSON, for {@link Draft4Check}; read on first use. */
  static final class Json {
    static final Draft4Check CHECK = Draft4Check.compile(readJson(RESOURCE));
  }

  /** everit's compiled schema; made on first use, that is on the first invalid descriptor. */
  private static final class Holder {
    static final Schema SCHEMA = load(RESOURCE);
  }

  static JsonObject readJson(String resource) {
    try (InputStream in = DescriptorSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return org.vipboutiques.json.JsonParser.withDefaults().parseObject(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (org.vipboutiques.json.JsonInputException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  static Schema load(String resource) {
    try (InputStream in = DescriptorSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      JSONObject raw = new JSONObject(new JSONTokener(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      JSONObject properties = raw.getJSONObject("properties");
      for (String key : properties.keySet()) {
        JSONObject property = properties.getJSONObject(key);
        if (property.optBoolean("uniqueItems", false)) {
          property.remove("uniqueItems");
          UNIQUE_ARRAYS.add(key);
        }
      }
      return compile(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles a draft-04 schema with Python's regular-expression semantics. */
  static Schema compile(JSONObject raw) {
    return SchemaLoader.builder()
        .schemaJson(raw)
        .regexpFactory(new PythonRegexpFactory())
        .build()
        .load()
        .build();
  }

  /** The schema errors of a descriptor, empty when it conforms. */
  static List<ValidationError> check(JsonObject descriptor) {
    if (Json.CHECK.valid(descriptor)) {
      return List.of();
    }
    List<ValidationError> errors = everitErrors(descriptor);
    if (errors.isEmpty()) {
      // everit reads a corner differently from Python's jsonschema; the verdict stays Python's.
      errors = List.of(new ValidationError(Rule.SCHEMA, List.of(), Rule.SCHEMA.kind() + ": descriptor: does not"
          + " conform to the Boutiques 0.5 schema (keyword \"" + Json.CHECK.failure(descriptor).orElse("?") + "\")"));
    }
    return errors;
  }

  /** The errors everit finds, plus repeated items of the top-level arrays (checked here). */
  static List<ValidationError> everitErrors(JsonObject descriptor) {
    List<ValidationError> errors = new ArrayList<>(check(Holder.SCHEMA, descriptor, descriptor));
    for (String key : UNIQUE_ARRAYS) {
      if (descriptor.members().get(key) instanceof JsonArray items) {
        UniqueItems.firstRepeat(items).ifPresent(pair -> errors.add(new ValidationError(Rule.SCHEMA,
            idAt("#/" + key + "/" + pair[1], descriptor).map(List::of).orElse(List.of()),
            Rule.SCHEMA.kind() + ": " + key + ": items " + pair[0] + " and " + pair[1]
                + " are equal; array items must be unique")));
      }
    }
    return errors;
  }

  /** The errors of {@code instance} against {@code schema}; ids are looked up in {@code context}. */
  static List<ValidationError> check(Schema schema, JsonValue instance, JsonObject context) {
    try {
      schema.validate(OrgJson.convert(instance));
      return List.of();
    } catch (ValidationException e) {
      List<ValidationError> errors = new ArrayList<>();
      collect(e, context, errors);
      return errors;
    }
  }

  private static void collect(ValidationException e, JsonObject context, List<ValidationError> out) {
    if (e.getCausingExceptions().isEmpty()) {
      String pointer = e.getPointerToViolation();
      String where = describePointer(pointer, context);
      List<String> ids = idAt(pointer, context).map(List::of).orElse(List.of());
      out.add(new ValidationError(Rule.SCHEMA, ids,
          Rule.SCHEMA.kind() + ": " + where + ": " + e.getErrorMessage()));
      return;
    }
    for (ValidationException cause : e.getCausingExceptions()) {
      collect(cause, context, out);
    }
  }

  /** {@code #/inputs/2/type} becomes {@code inputs[2] ("seg").type}. */
  private static String describePointer(String pointer, JsonObject context) {
    if (pointer == null || pointer.equals("#")) {
      return "descriptor";
    }
    String[] parts = pointer.replaceFirst("^#/?", "").split("/");
    StringBuilder sb = new StringBuilder();
    JsonValue node = context;
    for (String raw : parts) {
      String part = raw.replace("~1", "/").replace("~0", "~");
      if (node instanceof JsonArray a && part.matches("\\d+")) {
        int i = Integer.parseInt(part);
        sb.append('[').append(i).append(']');
        node = i < a.size() ? a.get(i) : null;
        if (node instanceof JsonObject o && o.string("id").isPresent()) {
          sb.append(" (\"").append(o.string("id").get()).append("\")");
        }
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(part);
        node = node instanceof JsonObject o ? o.members().get(part) : null;
      }
    }
    return sb.toString();
  }

  /** The id of the innermost object with an id along the pointer. */
  private static Optional<String> idAt(String pointer, JsonObject context) {
    if (pointer == null) {
      return Optional.empty();
    }
    String[] parts = pointer.replaceFirst("^#/?", "").split("/");
    JsonValue node = context;
    Optional<String> id = Optional.empty();
    for (String raw : parts) {
      String part = raw.replace("~1", "/").replace("~0", "~");
      if (node instanceof JsonArray a && part.matches("\\d+")) {
        int i = Integer.parseInt(part);
        node = i < a.size() ? a.get(i) : null;
      } else if (node instanceof JsonObject o) {
        node = o.members().get(part);
      } else {
        node = null;
      }
      if (node instanceof JsonObject o && o.string("id").isPresent() && node != context) {
        id = o.string("id");
      }
    }
    return id;
  }
}
