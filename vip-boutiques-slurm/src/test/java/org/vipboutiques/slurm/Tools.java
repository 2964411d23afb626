package org.vipboutiques.slurm;

import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.json.JsonObject;

/** Small descriptors for the tests, written inline. */
public final class Tools {

  private Tools() {}

  /** A tool with the optional String inputs text ([TEXT]) and out ([OUT]), where used. */
  public static Descriptor tool(String commandLine, String outputs) {
    return load(json(commandLine, outputs));
  }

  /** The JSON of {@link #tool}, to add keys to. */
  public static JsonObject json(String commandLine, String outputs) {
    return Fixtures.textToolJson(commandLine, outputs);
  }

  /** {@code json} with a key set to a JSON value written as text. */
  public static JsonObject with(JsonObject json, String key, String valueJson) {
    return json.with(key, Fixtures.json("{\"v\": " + valueJson + "}").members().get("v"));
  }

  public static Descriptor load(JsonObject json) {
    try {
      return Fixtures.BOUTIQUES.load(json, "test");
    } catch (Exception e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  public static Invocation invocation(Descriptor d, String json) {
    try {
      return Fixtures.BOUTIQUES.invocation(d, Fixtures.json(json));
    } catch (Exception e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
