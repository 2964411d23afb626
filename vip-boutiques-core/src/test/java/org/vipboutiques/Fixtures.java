package org.vipboutiques;

import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;

/** Small descriptors written inline for tests. */
public final class Fixtures {

  public static final Boutiques BOUTIQUES = Boutiques.create();

  private Fixtures() {}

  /** A descriptor with the given inputs, groups and outputs (JSON array texts, or null). */
  public static JsonObject descriptorJson(String commandLine, String inputs, String groups, String outputs) {
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

  public static Descriptor descriptor(String commandLine, String inputs, String groups, String outputs) {
    try {
      return BOUTIQUES.load(descriptorJson(commandLine, inputs, groups, outputs), "test");
    } catch (InvalidDescriptorException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  public static JsonObject json(String text) {
    try {
      return JsonParser.withDefaults().parseObject(text, "test");
    } catch (Exception e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
