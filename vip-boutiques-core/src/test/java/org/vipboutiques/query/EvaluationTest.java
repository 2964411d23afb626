package org.vipboutiques.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.invocation.Invocation;

class EvaluationTest {

  @Test
  void answersTheReferencesQueries() throws Exception {
    Descriptor d = Fixtures.descriptor("t [A] [B]",
        "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"File\", \"value-key\": \"[A]\"},"
            + " {\"id\": \"b\", \"name\": \"b\", \"type\": \"Number\", \"value-key\": \"[B]\", \"optional\": true}]",
        "[{\"id\": \"g\", \"name\": \"g\", \"members\": [\"b\"]}]",
        "[{\"id\": \"o\", \"name\": \"o\", \"path-template\": \"[A].out\"},"
            + " {\"id\": \"p\", \"name\": \"p\", \"path-template\": \"log.txt\", \"optional\": true}]");
    Invocation inv = Fixtures.BOUTIQUES.invocation(d, Fixtures.json("{\"a\": \"x.nii\"}"));
    Evaluation e = new Evaluation(d, inv, Fixtures.BOUTIQUES.simulate(d, inv));
    assertEquals("{\"o\":\"x.nii.out\",\"p\":\"log.txt\"}", e.evaluate("output-files").toJson());
    assertEquals("{\"o\":\"x.nii.out\"}", e.evaluate("output-files/optional=False").toJson());
    assertEquals("{\"a\":\"x.nii\"}", e.evaluate("inputs/type=File").toJson());
    assertEquals("{\"g\":{\"b\":null}}", e.evaluate("groups").toJson());
    assertThrows(QueryException.class, () -> e.evaluate("nothing"));
  }
}
