package org.vipboutiques;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.InvocationError;
import org.vipboutiques.invocation.InvocationRule;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/**
 * Java values given for an invocation, as the JSON the invocation is: text, numbers, booleans,
 * paths and lists of them. Anything else is refused by input id, before any rule is checked.
 */
final class InvocationValues {

  private static final String ACCEPTED = "give a String, a Number (Integer, Long, Double, BigDecimal ...), a"
      + " Boolean, a Path or File, or a List (or array) of these";

  private InvocationValues() {}

  static JsonObject toJson(Map<String, ?> values) throws InvalidInvocationException {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    List<InvocationError> errors = new ArrayList<>();
    for (Map.Entry<String, ?> e : values.entrySet()) {
      String id = e.getKey();
      if (id == null) {
        errors.add(new InvocationError(InvocationRule.UNKNOWN_INPUT, List.of(),
            "an input id is null; use the ids of the descriptor's inputs as keys"));
        continue;
      }
      Object value = e.getValue();
      Optional<JsonValue> json = value instanceof Collection<?> || value instanceof Object[]
          ? list(value) : scalar(value);
      if (json.isPresent()) {
        members.put(id, json.get());
      } else {
        errors.add(new InvocationError(InvocationRule.WRONG_TYPE, List.of(id), "input \"" + id + "\": "
            + describe(value) + " cannot be an input value; " + ACCEPTED));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInvocationException(errors);
    }
    return new JsonObject(members);
  }

  private static Optional<JsonValue> list(Object value) {
    Collection<?> items = value instanceof Object[] array ? java.util.Arrays.asList(array) : (Collection<?>) value;
    List<JsonValue> out = new ArrayList<>(items.size());
    for (Object item : items) {
      Optional<JsonValue> json = scalar(item);
      if (json.isEmpty()) {
        return Optional.empty();
      }
      out.add(json.get());
    }
    return Optional.of(new JsonArray(out));
  }

  private static Optional<JsonValue> scalar(Object value) {
    if (value instanceof JsonValue json) {
      return Optional.of(json);
    }
    if (value instanceof CharSequence text) {
      return Optional.of(new JsonString(text.toString()));
    }
    if (value instanceof Path path) {
      return Optional.of(new JsonString(path.toString()));
    }
    if (value instanceof File file) {
      return Optional.of(new JsonString(file.getPath()));
    }
    if (value instanceof Boolean b) {
      return Optional.of(JsonBoolean.of(b));
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return Optional.of(JsonNumber.of(((Number) value).longValue()));
    }
    if (value instanceof BigInteger big) {
      return Optional.of(JsonNumber.of(big));
    }
    if (value instanceof BigDecimal decimal) {
      return Optional.of(JsonNumber.parse(decimal.toString()));
    }
    if (value instanceof Double || value instanceof Float) {
      // A float keeps the value it was written as (0.1f is 0.1, not 0.10000000149011612).
      double d = value instanceof Float f ? Double.parseDouble(Float.toString(f)) : (Double) value;
      return Double.isFinite(d) ? Optional.of(JsonNumber.of(d)) : Optional.empty();
    }
    return Optional.empty();
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null (leave the input out instead)";
    }
    if (value instanceof Double || value instanceof Float) {
      return "the number " + value + " (not finite)";
    }
    if (value instanceof Collection<?> || value instanceof Object[]) {
      return "a list with an item that is not a String, Number, Boolean, Path or File";
    }
    return "a value of type " + value.getClass().getName();
  }
}
