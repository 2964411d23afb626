package org.vipboutiques.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonLimits;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;
import org.vipboutiques.json.JsonValue;

/**
 * An oracle folder in the format of {@code shared/conformance/boutiques}: fixtures, what the
 * reference answered on each ({@code validation.json}, {@code cases.json}), and overrides.
 */
public final class Oracle {

  /** The folder named by {@code -Dboutiques.oracle}, else the shared one beside the project. */
  public static Optional<Path> locate() {
    String property = System.getProperty("boutiques.oracle");
    List<Path> candidates = new ArrayList<>();
    if (property != null && !property.isBlank()) {
      candidates.add(Path.of(property));
    }
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      candidates.add(p.resolve("../shared/conformance/boutiques").normalize());
      candidates.add(p.resolve("shared/conformance/boutiques").normalize());
    }
    return candidates.stream().filter(p -> Files.isRegularFile(p.resolve("validation.json"))
        || Files.isRegularFile(p.resolve("cases.json"))).findFirst();
  }

  private final Path root;
  private final JsonParser parser = new JsonParser(JsonLimits.DEFAULT.withMaxBytes(1L << 30).withMaxDepth(512));

  public Oracle(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path fixture(String relative) {
    return root.resolve("fixtures").resolve(relative);
  }

  public List<JsonObject> validation() throws Exception {
    return entries("validation.json");
  }

  public List<JsonObject> cases() throws Exception {
    return entries("cases.json");
  }

  private List<JsonObject> entries(String name) throws Exception {
    Path file = root.resolve(name);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    JsonValue v = parser.parse(file);
    List<JsonObject> out = new ArrayList<>();
    if (v instanceof JsonArray a) {
      for (JsonValue item : a.items()) {
        out.add((JsonObject) item);
      }
    }
    return out;
  }

  /**
   * The cases of the shared oracle whose right answer differs from the reference's because of
   * our deliberate deviations (docs/conformance.md), as {@code scripts/conformance-deviations.py}
   * writes them: descriptor, origin, invocation, the deviation's name and the right answer.
   */
  public static List<JsonObject> deviations() throws Exception {
    try (var in = Oracle.class.getResourceAsStream("deviations.json")) {
      JsonValue v = JsonParser.withDefaults().parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
          "deviations.json");
      List<JsonObject> out = new ArrayList<>();
      for (JsonValue item : ((JsonArray) v).items()) {
        out.add((JsonObject) item);
      }
      return out;
    }
  }

  /** Whether two entries are the same case: same descriptor, origin and invocation. */
  public static boolean sameCase(JsonObject a, JsonObject b) {
    return a.string("descriptor").equals(b.string("descriptor")) && a.string("origin").equals(b.string("origin"))
        && a.object("invocation").equals(b.object("invocation"));
  }

  /** Whether the reference's answer stands, or an override gives the right one. */
  public static boolean expectedValid(JsonObject entry) {
    String override = entry.string("override").orElse("");
    if (override.equals("reference-crash")) {
      return false;
    }
    return entry.bool("valid").orElse(false);
  }
}
