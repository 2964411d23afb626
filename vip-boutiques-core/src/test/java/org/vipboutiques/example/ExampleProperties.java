package org.vipboutiques.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.vipboutiques.Boutiques;
import org.vipboutiques.conformance.Corpus;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.json.JsonObject;

/** Every example invocation of every valid corpus descriptor validates and simulates. */
class ExampleProperties {

  private static final Boutiques BOUTIQUES = Boutiques.create();
  private static final List<Descriptor> CORPUS = new ArrayList<>();

  @BeforeContainer
  static void loadCorpus() throws Exception {
    CORPUS.clear();
    CORPUS.addAll(Corpus.validDescriptors(BOUTIQUES));
    CORPUS.add(BOUTIQUES.load(Corpus.warmupDescriptor(), "warmup"));
  }

  @Provide
  Arbitrary<Descriptor> descriptors() {
    return Arbitraries.of(CORPUS);
  }

  @Property(tries = 400)
  void examplesValidateAndSimulate(@ForAll("descriptors") Descriptor descriptor, @ForAll long seed,
      @ForAll boolean complete) throws Exception {
    Invocation example = new ExampleGenerator(BOUTIQUES, descriptor).generate(seed, complete);
    // Valid by the public API, from its JSON, as a user would pass it back.
    Invocation again = BOUTIQUES.invocation(descriptor, JsonObject.class.cast(example.toJson()));
    BOUTIQUES.simulate(descriptor, again);
    assertEquals(example, new ExampleGenerator(BOUTIQUES, descriptor).generate(seed, complete), "same seed, same example");
  }
}
