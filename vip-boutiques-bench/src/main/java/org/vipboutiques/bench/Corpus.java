package org.vipboutiques.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonLimits;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonValue;

/**
 * The conformance corpus, read once: every descriptor of {@code validation.json} and every
 * valid case of {@code cases.json}, from the folder {@code -Dboutiques.oracle} (default
 * {@code ../shared/conformance/boutiques}).
 */
final class Corpus {

  record Case(Descriptor descriptor, JsonObject invocation) {}

  final List<JsonObject> descriptors = new ArrayList<>();
  final List<Case> cases = new ArrayList<>();

  Corpus(Boutiques boutiques) throws Exception {
    Path root = locate();
    var parser = new org.vipboutiques.json.JsonParser(JsonLimits.DEFAULT.withMaxBytes(1L << 30));
    for (JsonValue v : ((JsonArray) parser.parse(root.resolve("validation.json"))).items()) {
      JsonObject entry = (JsonObject) v;
      if (entry.string("kind").orElse("").equals("json")) {
        continue;
      }
      descriptors.add(parser.parseObject(root.resolve("fixtures").resolve(entry.string("descriptor").orElseThrow())));
    }
    java.util.Map<String, Descriptor> loaded = new java.util.HashMap<>();
    for (JsonValue v : ((JsonArray) parser.parse(root.resolve("cases.json"))).items()) {
      JsonObject entry = (JsonObject) v;
      if (!entry.bool("valid").orElse(false)) {
        continue;
      }
      String path = entry.string("descriptor").orElseThrow();
      Descriptor d = loaded.get(path);
      if (d == null) {
        d = boutiques.load(root.resolve("fixtures").resolve(path));
        loaded.put(path, d);
      }
      cases.add(new Case(d, entry.object("invocation").orElseThrow()));
    }
  }

  static Path locate() {
    String property = System.getProperty("boutiques.oracle");
    List<Path> candidates = new ArrayList<>();
    if (property != null) {
      candidates.add(Path.of(property));
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      candidates.add(p.resolve("../shared/conformance/boutiques").normalize());
    }
    return candidates.stream().filter(p -> Files.isRegularFile(p.resolve("validation.json"))).findFirst()
        .orElseThrow(() -> new IllegalStateException("no conformance oracle; pass -Dboutiques.oracle=DIR"));
  }
}
