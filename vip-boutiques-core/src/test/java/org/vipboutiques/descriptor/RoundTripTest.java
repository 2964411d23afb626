package org.vipboutiques.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.vipboutiques.Boutiques;
import org.vipboutiques.conformance.Oracle;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonWriter;

/** A descriptor written back out has the content it was read with, member order and numbers included. */
class RoundTripTest {

  @TestFactory
  Stream<DynamicTest> everyCorpusDescriptorRoundTrips() throws Exception {
    var oracle = Oracle.locate().map(Oracle::new);
    assumeTrue(oracle.isPresent(), "no conformance oracle here");
    Boutiques boutiques = Boutiques.create();
    List<Path> files;
    try (Stream<Path> s = Files.walk(oracle.get().root().resolve("fixtures"))) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    return files.stream().map(file -> DynamicTest.dynamicTest(oracle.get().root().relativize(file).toString(), () -> {
      JsonObject original;
      try {
        original = boutiques.parser().parseObject(file);
      } catch (org.vipboutiques.json.JsonInputException e) {
        return; // not JSON: nothing to write back
      }
      if (!boutiques.validate(original, "t").valid()) {
        return;
      }
      Descriptor d = boutiques.load(original, file.toString());
      for (JsonWriter writer : List.of(JsonWriter.pretty(4), JsonWriter.compact(), JsonWriter.pythonStyle())) {
        String text = writer.write(d.toJson());
        JsonObject again = boutiques.parser().parseObject(text, "written");
        assertEquals(original, again);
        assertEquals(text, writer.write(boutiques.load(again, "again").toJson()));
      }
    }));
  }
}
