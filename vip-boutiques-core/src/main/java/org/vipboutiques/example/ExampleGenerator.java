package org.vipboutiques.example;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.Group;
import org.vipboutiques.descriptor.Input;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/**
 * Random example invocations that always validate. Values follow each input's constraints
 * (choices, bounds, integers, list lengths); inputs are added one step at a time and a step is
 * kept only when the invocation still validates (and its command line can be built), so the
 * result is valid by construction. The same seed gives the same invocation.
 */
public final class ExampleGenerator {

  private static final int ATTEMPTS = 64;
  private static final String[] EXTENSIONS = {".csv", ".tex", ".j", ".cpp", ".m", ".mnc", ".nii.gz", ""};
  private static final String ALNUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private final Boutiques boutiques;
  private final Descriptor descriptor;

  public ExampleGenerator(Boutiques boutiques, Descriptor descriptor) {
    this.boutiques = Objects.requireNonNull(boutiques, "boutiques");
    this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
  }

  /**
   * An example invocation.
   *
   * @param seed the random seed
   * @param complete also give every optional input that can be given
   */
  public Invocation generate(long seed, boolean complete) throws ExampleGenerationException {
    Random random = new Random(seed);
    Map<String, JsonValue> values = minimal(random);
    if (complete) {
      List<List<Input>> steps = optionalSteps(values);
      Collections.shuffle(steps, random);
      for (List<Input> step : steps) {
        tryAdd(values, step, random);
      }
    }
    try {
      return boutiques.invocation(descriptor, new JsonObject(values));
    } catch (InvalidInvocationException e) {
      throw new ExampleGenerationException("the generated example does not validate: " + e.getMessage());
    }
  }

  /** Required inputs and one member of each one-is-required group, retried until valid. */
  private Map<String, JsonValue> minimal(Random random) throws ExampleGenerationException {
    String lastError = "";
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Map<String, JsonValue> values = new LinkedHashMap<>();
      for (Input in : descriptor.inputs()) {
        if (!in.optional()) {
          values.put(in.id(), value(in, random));
        }
      }
      for (Group g : descriptor.groups()) {
        if (!g.oneIsRequired() || g.members().stream().anyMatch(m -> active(values, m))) {
          continue;
        }
        List<String> members = new ArrayList<>(g.members());
        Collections.shuffle(members, random);
        for (String m : members) {
          Input in = descriptor.input(m).orElse(null);
          if (in == null) {
            continue;
          }
          List<Input> step = withRequirements(in);
          if (tryAdd(values, step, random)) {
            break;
          }
        }
      }
      // Defaults can break the invocation schema (a list input with a text default, say), and a
      // descriptor's own invocation-schema can ask for more than its inputs say: repair one
      // named input at a time, at random (add it, give it another value, or drop it).
      for (int repair = 0; repair < 16; repair++) {
        try {
          boutiques.invocation(descriptor, new JsonObject(values));
          return values;
        } catch (InvalidInvocationException e) {
          lastError = e.getMessage();
          List<String> named = new ArrayList<>();
          e.errors().forEach(err -> err.ids().stream().filter(id -> descriptor.input(id).isPresent())
              .forEach(named::add));
          if (named.isEmpty()) {
            break;
          }
          Input in = descriptor.input(named.get(random.nextInt(named.size()))).orElseThrow();
          if (values.containsKey(in.id()) && in.optional() && random.nextBoolean()) {
            values.remove(in.id());
          } else {
            values.put(in.id(), value(in, random));
          }
        }
      }
    }
    throw new ExampleGenerationException("no valid invocation found for " + descriptor.name() + " after " + ATTEMPTS
        + " attempts; last problem: " + lastError);
  }

  /** The optional inputs not yet given, grouped so that all-or-none groups are added whole. */
  private List<List<Input>> optionalSteps(Map<String, JsonValue> values) {
    List<List<Input>> steps = new ArrayList<>();
    List<String> grouped = new ArrayList<>();
    for (Group g : descriptor.groups()) {
      if (g.allOrNone()) {
        List<Input> step = new ArrayList<>();
        for (String m : g.members()) {
          descriptor.input(m).filter(in -> !values.containsKey(in.id())).ifPresent(step::add);
          grouped.add(m);
        }
        if (!step.isEmpty()) {
          steps.add(step);
        }
      }
    }
    for (Input in : descriptor.inputs()) {
      if (!values.containsKey(in.id()) && !grouped.contains(in.id())) {
        steps.add(withRequirements(in));
      }
    }
    return steps;
  }

  /** An input and the inputs it requires (one member for a required group). */
  private List<Input> withRequirements(Input in) {
    List<Input> step = new ArrayList<>();
    step.add(in);
    for (String r : in.requiresInputs()) {
      descriptor.input(r).ifPresent(step::add);
      descriptor.group(r).flatMap(g -> g.members().stream().findFirst()).flatMap(descriptor::input)
          .ifPresent(step::add);
    }
    return step;
  }

  /** Adds the step's inputs if the result validates (a few random values are tried). */
  private boolean tryAdd(Map<String, JsonValue> values, List<Input> step, Random random) {
    for (int attempt = 0; attempt < 4; attempt++) {
      Map<String, JsonValue> candidate = new LinkedHashMap<>(values);
      for (Input in : step) {
        if (!candidate.containsKey(in.id())) {
          candidate.put(in.id(), value(in, random));
        }
      }
      try {
        boutiques.invocation(descriptor, new JsonObject(candidate));
        values.clear();
        values.putAll(candidate);
        return true;
      } catch (InvalidInvocationException e) {
        // try other values, then give up on this step
      }
    }
    return false;
  }

  private static boolean active(Map<String, JsonValue> values, String id) {
    JsonValue v = values.get(id);
    return v != null && !(v instanceof JsonBoolean b && !b.value());
  }

  private JsonValue value(Input in, Random random) {
    if (in.list()) {
      int min = in.minListEntries().filter(JsonNumber::truthy).map(n -> (int) Math.ceil(n.doubleValue())).orElse(1);
      int max = in.maxListEntries().filter(JsonNumber::truthy).map(n -> (int) Math.floor(n.doubleValue()))
          .orElse(Math.max(min, 3));
      int n = max <= min ? Math.max(min, 0) : min + random.nextInt(max - min + 1);
      List<JsonValue> items = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        items.add(single(in, random));
      }
      return new JsonArray(items);
    }
    return single(in, random);
  }

  private JsonValue single(Input in, Random random) {
    if (in.hasChoices()) {
      return in.valueChoices().get(random.nextInt(in.valueChoices().size()));
    }
    switch (in.type()) {
      case FLAG:
        return JsonBoolean.TRUE;
      case NUMBER:
        return number(in, random);
      case FILE:
        return new JsonString("f_" + in.id() + "_" + digits(random) + EXTENSIONS[random.nextInt(EXTENSIONS.length)]);
      default:
        return new JsonString("str_" + in.id() + "_" + ALNUM.charAt(random.nextInt(ALNUM.length()))
            + ALNUM.charAt(random.nextInt(ALNUM.length())));
    }
  }

  private static String digits(Random random) {
    return "" + random.nextInt(10) + random.nextInt(10);
  }

  private static JsonValue number(Input in, Random random) {
    double min = in.minimum().map(JsonNumber::doubleValue).orElse(Double.NaN);
    double max = in.maximum().map(JsonNumber::doubleValue).orElse(Double.NaN);
    if (Double.isNaN(min) && Double.isNaN(max)) {
      min = -50;
      max = 50;
    } else if (Double.isNaN(min)) {
      min = max - 50;
    } else if (Double.isNaN(max)) {
      max = min + 50;
    }
    if (in.integer()) {
      long lo = (long) Math.ceil(min) + (in.exclusiveMinimum() && Math.ceil(min) == min ? 1 : 0);
      long hi = (long) Math.floor(max) - (in.exclusiveMaximum() && Math.floor(max) == max ? 1 : 0);
      if (hi < lo) {
        return JsonNumber.of(lo);
      }
      return JsonNumber.of(lo + (long) (random.nextDouble() * (hi - lo + 1)));
    }
    double epsilon = 1e-3;
    double lo = min + (in.exclusiveMinimum() ? epsilon : 0);
    double hi = max - (in.exclusiveMaximum() ? epsilon : 0);
    double v = hi <= lo ? lo : lo + random.nextDouble() * (hi - lo);
    v = Math.round(v * 1000) / 1000.0;
    if (v < lo) {
      v = lo;
    }
    if (v > hi) {
      v = hi;
    }
    return JsonNumber.of(v);
  }
}
