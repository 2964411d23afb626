package org.vipboutiques.tck;

import java.util.ArrayList;
import java.util.List;
import org.vipboutiques.Boutiques;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;

/** Small descriptors written inline for the contract (the part of core's test Fixtures it uses). */
final class Fixtures {

  static final Boutiques BOUTIQUES = Boutiques.create();

  private Fixtures() {}

  /** A descriptor with the given inputs, groups and outputs (JSON array texts, or null). */
  static JsonObject descriptorJson(String commandLine, String inputs, String groups, String outputs) {
    StringBuilder sb = new StringBuilder("{\"name\": \"t\", \"description\": \"d\", \"tool-version\": \"1\",")
        .append("\"schema-version\": \"0.5\", \"command-line\": ").append(quote(commandLine))
        .append(", \"inputs\": ").append(inputs);
    if (groups != null) {
      sb.append(", \"groups\": ").append(groups);
    }
    if (outputs != null) {
      sb.append(", \"output-files\": ").append(outputs);
    }
    return json(sb.append('}').toString());
  }

  /**
   * The JSON of a tool whose command line (and outputs) may use the optional String inputs
   * {@code text} ([TEXT]) and {@code out} ([OUT]) and the optional integer {@code code} ([CODE]):
   * each is declared where used.
   */
  static JsonObject textToolJson(String commandLine, String outputs) {
    String used = commandLine + (outputs == null ? "" : outputs);
    List<String> inputs = new ArrayList<>();
    if (used.contains("[TEXT]")) {
      inputs.add("{\"id\": \"text\", \"name\": \"text\", \"type\": \"String\", \"value-key\": \"[TEXT]\","
          + " \"optional\": true}");
    }
    if (used.contains("[CODE]")) {
      inputs.add("{\"id\": \"code\", \"name\": \"code\", \"type\": \"Number\", \"integer\": true,"
          + " \"value-key\": \"[CODE]\", \"optional\": true}");
    }
    if (used.contains("[OUT]")) {
      inputs.add("{\"id\": \"out\", \"name\": \"out\", \"type\": \"String\", \"value-key\": \"[OUT]\","
          + " \"optional\": true}");
    }
    if (inputs.isEmpty()) {
      inputs.add("{\"id\": \"unused\", \"name\": \"unused\", \"type\": \"String\", \"optional\": true}");
    }
    return descriptorJson(commandLine, "[" + String.join(", ", inputs) + "]", null, outputs);
  }

  static JsonObject json(String text) {
    try {
      return JsonParser.withDefaults().parseObject(text, "contract");
    } catch (Exception e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
