package org.vipboutiques.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vipboutiques.commandline.Simulation;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonNull;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.PythonView;

/**
 * Resolved values of an invocation, queried as the reference's {@code bosh evaluate} does:
 * {@code output-files} (every output path by id), {@code output-files/optional=False},
 * {@code inputs/type=File,list=True}, {@code groups} (member values by group).
 */
public final class Evaluation {

  private final Descriptor descriptor;
  private final Invocation invocation;
  private final Simulation simulation;

  public Evaluation(Descriptor descriptor, Invocation invocation, Simulation simulation) {
    this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    this.invocation = Objects.requireNonNull(invocation, "invocation");
    this.simulation = Objects.requireNonNull(simulation, "simulation");
  }

  /** The path of one output. */
  public java.util.Optional<String> outputPath(String outputId) {
    return java.util.Optional.ofNullable(simulation.outputFiles().get(outputId));
  }

  /** The value of one input ({@code null} JSON when it has none). */
  public JsonValue inputValue(String inputId) {
    return invocation.get(inputId).orElse(JsonNull.INSTANCE);
  }

  /** Answers a query: an object from ids to values. */
  public JsonObject evaluate(String query) throws QueryException {
    String[] layers;
    List<String[]> conditions = new ArrayList<>();
    if (query.contains("/")) {
      String[] parts = query.split("/", -1);
      layers = java.util.Arrays.copyOf(parts, parts.length - 1);
      String last = parts[parts.length - 1];
      if (!last.isEmpty()) {
        for (String c : last.split(",", -1)) {
          String[] kv = c.split("=", -1);
          if (kv.length != 2) {
            throw new QueryException("condition \"" + c + "\" must be key=value, in query \"" + query + "\"");
          }
          conditions.add(kv);
        }
      }
    } else {
      layers = new String[] {query};
    }
    JsonValue objects = descriptor.json();
    for (String layer : layers) {
      if (!(objects instanceof JsonObject o) || !o.has(layer)) {
        throw new QueryException("\"" + layer + "\" is not a section of the descriptor, in query \"" + query
            + "\"; try output-files, inputs or groups");
      }
      objects = o.members().get(layer);
    }
    if (!(objects instanceof JsonArray items)) {
      throw new QueryException("query \"" + query + "\" does not name a list of inputs, outputs or groups");
    }
    List<String> path = List.of(layers);
    Map<String, JsonValue> result = new LinkedHashMap<>();
    for (JsonValue item : items.items()) {
      if (!(item instanceof JsonObject obj) || !eligible(obj, conditions)) {
        continue;
      }
      String id = obj.string("id").orElse("");
      if (path.contains("output-files")) {
        String p = simulation.outputFiles().get(id);
        result.put(id, p == null ? JsonNull.INSTANCE : new JsonString(p));
      } else if (path.contains("inputs")) {
        result.put(id, inputValue(id));
      } else if (path.contains("groups")) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        obj.array("members").ifPresent(a -> a.items().forEach(m -> members.put(PythonView.str(m),
            inputValue(PythonView.str(m)))));
        result.put(id, new JsonObject(members));
      }
    }
    return new JsonObject(result);
  }

  private static boolean eligible(JsonObject obj, List<String[]> conditions) {
    for (String[] c : conditions) {
      JsonValue actual = obj.members().get(c[0]);
      JsonValue expected = parse(c[1]);
      boolean equal = actual != null && PythonView.pyEquals(actual, expected);
      if (!equal && !(actual == null && expected instanceof JsonBoolean b && !b.value())) {
        return false;
      }
    }
    return true;
  }

  /** The reference reads the right-hand side as a float, else True/False, else text. */
  private static JsonValue parse(String rhs) {
    try {
      return JsonNumber.of(Double.parseDouble(rhs.trim()));
    } catch (NumberFormatException e) {
      // not a number
    }
    if (rhs.equals("True")) {
      return JsonBoolean.TRUE;
    }
    if (rhs.equals("False")) {
      return JsonBoolean.FALSE;
    }
    return new JsonString(rhs);
  }
}
