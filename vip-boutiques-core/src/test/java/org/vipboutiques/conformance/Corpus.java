package org.vipboutiques.conformance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.json.JsonObject;

/** Descriptors for property tests: the oracle's, and one of our own that has every feature. */
public final class Corpus {

  private static final Boutiques BOUTIQUES = Boutiques.create();

  private Corpus() {}

  /** The oracle's valid descriptors, when the oracle is here. */
  public static List<Descriptor> validDescriptors(Boutiques boutiques) throws Exception {
    List<Descriptor> out = new ArrayList<>();
    var oracle = Oracle.locate().map(Oracle::new);
    if (oracle.isEmpty()) {
      return out;
    }
    for (JsonObject entry : oracle.get().validation()) {
      if (Oracle.expectedValid(entry)) {
        Path file = oracle.get().fixture(entry.string("descriptor").orElseThrow());
        out.add(boutiques.load(file));
      }
    }
    return out;
  }

  public static JsonObject warmupDescriptor() throws Exception {
    return BOUTIQUES.parser().parseObject(
        "{\"name\": \"w\", \"description\": \"d\", \"tool-version\": \"1\", \"schema-version\": \"0.5\","
            + " \"command-line\": \"t [A] [B] [C] [D]\", \"inputs\": ["
            + "{\"id\": \"a\", \"name\": \"a\", \"type\": \"Number\", \"value-key\": \"[A]\", \"minimum\": 0,"
            + " \"maximum\": 1, \"exclusive-maximum\": true},"
            + "{\"id\": \"b\", \"name\": \"b\", \"type\": \"File\", \"value-key\": \"[B]\", \"optional\": true,"
            + " \"list\": true, \"min-list-entries\": 2, \"max-list-entries\": 2},"
            + "{\"id\": \"c\", \"name\": \"c\", \"type\": \"Flag\", \"value-key\": \"[C]\", \"optional\": true,"
            + " \"command-line-flag\": \"-c\", \"requires-inputs\": [\"b\"]},"
            + "{\"id\": \"d\", \"name\": \"d\", \"type\": \"String\", \"value-key\": \"[D]\", \"optional\": true}],"
            + " \"groups\": [{\"id\": \"g\", \"name\": \"g\", \"members\": [\"c\", \"d\"], \"all-or-none\": true}]}",
        "warmup");
  }
}
