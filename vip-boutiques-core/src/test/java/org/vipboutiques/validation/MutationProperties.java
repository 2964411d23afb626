package org.vipboutiques.validation;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.vipboutiques.Boutiques;
import org.vipboutiques.InvalidDescriptorException;
import org.vipboutiques.conformance.Oracle;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonNull;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/**
 * Randomly mutated corpus descriptors (a value replaced, a key removed or added, anywhere in the
 * tree) never make validation, loading, invocation checking or simulation throw anything but
 * their typed errors.
 */
class MutationProperties {

  private static final Boutiques BOUTIQUES = Boutiques.create();
  private static final List<JsonObject> CORPUS = new ArrayList<>();
  private static final List<JsonValue> VALUES = List.of(JsonNull.INSTANCE, JsonBoolean.TRUE, JsonBoolean.FALSE,
      JsonNumber.parse("0"), JsonNumber.parse("-1"), JsonNumber.parse("2.5"), JsonNumber.parse("1e400"),
      new JsonString(""), new JsonString("x"), new JsonString("[A]"), new JsonString("a > 1"), JsonArray.EMPTY,
      JsonArray.of(new JsonString("x")), JsonObject.EMPTY, JsonObject.EMPTY.with("default", new JsonString("p")));

  @BeforeContainer
  static void loadCorpus() throws Exception {
    CORPUS.clear();
    var oracle = Oracle.locate().map(Oracle::new);
    if (oracle.isPresent()) {
      for (JsonObject entry : oracle.get().validation()) {
        if (!entry.string("kind").orElse("").equals("json")) {
          CORPUS.add(BOUTIQUES.parser().parseObject(oracle.get().fixture(entry.string("descriptor").orElseThrow())));
        }
      }
    }
    if (CORPUS.isEmpty()) {
      CORPUS.add(org.vipboutiques.conformance.Corpus.warmupDescriptor());
    }
  }

  @Provide
  Arbitrary<JsonObject> descriptors() {
    return Arbitraries.of(CORPUS);
  }

  @Property(tries = 1500)
  void mutantsOnlyFailWithTypedErrors(@ForAll("descriptors") JsonObject descriptor,
      @ForAll("paths") List<Integer> path, @ForAll("values") JsonValue value, @ForAll("operations") int op)
      throws Exception {
    JsonObject mutant = (JsonObject) mutate(descriptor, path, 0, value, op);
    ValidationReport report = BOUTIQUES.validate(mutant, "mutant");
    assertNotNull(report);
    if (!report.valid()) {
      return;
    }
    Descriptor d;
    try {
      d = BOUTIQUES.load(mutant, "mutant");
    } catch (InvalidDescriptorException e) {
      return;
    }
    for (JsonObject invocation : List.of(JsonObject.EMPTY, JsonObject.EMPTY.with(d.inputs().isEmpty() ? "x"
        : d.inputs().get(0).id(), value))) {
      try {
        BOUTIQUES.simulate(d, invocation);
      } catch (InvalidInvocationException e) {
        // typed: fine
      }
    }
  }

  /**
   * The fast schema check (Python semantics) and everit agree on every mutant: everit reports
   * errors exactly when the fast check refuses.
   */
  @Property(tries = 3000)
  void bothSchemaEnginesGiveTheSameVerdict(@ForAll("descriptors") JsonObject descriptor,
      @ForAll("paths") List<Integer> path, @ForAll("values") JsonValue value, @ForAll("operations") int op) {
    JsonObject mutant = (JsonObject) mutate(descriptor, path, 0, value, op);
    boolean fast = DescriptorSchema.Json.CHECK.valid(mutant);
    boolean everit = DescriptorSchema.everitErrors(mutant).isEmpty();
    org.junit.jupiter.api.Assertions.assertEquals(fast, everit, () -> "engines disagree on " + mutant.toJson());
  }

  @Provide
  Arbitrary<List<Integer>> paths() {
    return Arbitraries.integers().between(0, 40).list().ofMinSize(1).ofMaxSize(5);
  }

  @Provide
  Arbitrary<JsonValue> values() {
    return Arbitraries.of(VALUES);
  }

  @Provide
  Arbitrary<Integer> operations() {
    return Arbitraries.integers().between(0, 2);
  }

  /** Walks down {@code path} (indices modulo sizes) and replaces (0), removes (1) or adds (2) there. */
  private static JsonValue mutate(JsonValue node, List<Integer> path, int depth, JsonValue value, int op) {
    boolean last = depth == path.size() - 1;
    int i = path.get(depth);
    if (node instanceof JsonObject o && o.size() > 0) {
      List<String> keys = new ArrayList<>(o.keys());
      String key = keys.get(i % keys.size());
      Map<String, JsonValue> copy = new LinkedHashMap<>(o.members());
      if (last || !(copy.get(key) instanceof JsonObject || copy.get(key) instanceof JsonArray)) {
        switch (op) {
          case 0 -> copy.put(key, value);
          case 1 -> copy.remove(key);
          default -> copy.put(KEYS.get(i % KEYS.size()), value);
        }
      } else {
        copy.put(key, mutate(copy.get(key), path, depth + 1, value, op));
      }
      return new JsonObject(copy);
    }
    if (node instanceof JsonArray a && a.size() > 0) {
      List<JsonValue> copy = new ArrayList<>(a.items());
      int j = i % copy.size();
      if (last || !(copy.get(j) instanceof JsonObject || copy.get(j) instanceof JsonArray)) {
        switch (op) {
          case 0 -> copy.set(j, value);
          case 1 -> copy.remove(j);
          default -> copy.add(value);
        }
      } else {
        copy.set(j, mutate(copy.get(j), path, depth + 1, value, op));
      }
      return new JsonArray(copy);
    }
    return value;
  }

  private static final List<String> KEYS = List.of("optional", "list", "default-value", "value-choices",
      "requires-inputs", "disables-inputs", "command-line-flag", "minimum", "maximum", "integer", "members",
      "mutually-exclusive", "all-or-none", "one-is-required", "conditional-path-template", "path-template",
      "value-key", "file-template", "groups", "output-files", "container-image", "custom", "invocation-schema");
}
