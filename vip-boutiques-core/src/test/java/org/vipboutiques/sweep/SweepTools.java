package org.vipboutiques.sweep;

import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.json.JsonObject;

/** Descriptors for sweep tests: a, b zipped by vip:dot; c, d crossed; e a number up to 5. */
final class SweepTools {

  static final String JSON = "{\"name\": \"sw\", \"description\": \"d\", \"tool-version\": \"1\","
      + " \"schema-version\": \"0.5\", \"command-line\": \"echo [A] [B] [C] [D] [E] > out.txt\", \"inputs\": ["
      + "{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"value-key\": \"[A]\", \"optional\": true},"
      + "{\"id\": \"b\", \"name\": \"b\", \"type\": \"String\", \"value-key\": \"[B]\", \"optional\": true},"
      + "{\"id\": \"c\", \"name\": \"c\", \"type\": \"String\", \"value-key\": \"[C]\", \"optional\": true},"
      + "{\"id\": \"d\", \"name\": \"d\", \"type\": \"String\", \"value-key\": \"[D]\", \"optional\": true},"
      + "{\"id\": \"e\", \"name\": \"e\", \"type\": \"Number\", \"value-key\": \"[E]\", \"optional\": true,"
      + " \"maximum\": 5}],"
      + " \"output-files\": [{\"id\": \"o\", \"name\": \"o\", \"path-template\": \"out.txt\"}],"
      + " \"custom\": {\"vip:dot\": [\"a\", \"b\"]}}";

  static final Descriptor TOOL = load(JSON);

  private SweepTools() {}

  static Descriptor load(String json) {
    Boutiques b = Boutiques.create();
    try {
      return b.load(b.parser().parseObject(json, "sweep tool"), "sweep tool");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject lists(String json) {
    try {
      return Boutiques.create().parser().parseObject(json, "lists");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
