package org.vipboutiques.commandline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vipboutiques.Fixtures.descriptor;
import static org.vipboutiques.Fixtures.json;

import org.junit.jupiter.api.Test;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;

/**
 * Members of a mutually-exclusive group may share one value-key: the given member's argument is
 * built, whichever comes first (a deliberate deviation: the reference lets the absent member
 * remove the key first, and the value the user gave vanishes).
 */
class SharedValueKeyTest {

  private static final Descriptor FEAT = descriptor("tool [FEAT] [OUT]",
      "[{\"id\": \"feat_file\", \"name\": \"f\", \"type\": \"File\", \"value-key\": \"[FEAT]\","
          + " \"command-line-flag\": \"-feat\", \"optional\": true},"
          + " {\"id\": \"feat_dir\", \"name\": \"d\", \"type\": \"String\", \"value-key\": \"[FEAT]\","
          + " \"command-line-flag\": \"-feat\", \"optional\": true}]",
      "[{\"id\": \"g\", \"name\": \"g\", \"members\": [\"feat_file\", \"feat_dir\"],"
          + " \"mutually-exclusive\": true}]",
      "[{\"id\": \"out\", \"name\": \"out\", \"value-key\": \"[OUT]\", \"path-template\": \"c.txt\","
          + " \"file-template\": [\"feat=[FEAT]\", \"end\"]}]");

  @Test
  void theSecondMemberGivenIsBuilt() throws Exception {
    Simulation s = Fixtures.BOUTIQUES.simulate(FEAT, json("{\"feat_dir\": \"DIR\"}"));
    assertEquals("tool -feat DIR c.txt", s.commandLine());
    assertEquals("feat=DIR\nend", s.configFiles().get("out"));
  }

  @Test
  void theFirstMemberGivenIsBuilt() throws Exception {
    Simulation s = Fixtures.BOUTIQUES.simulate(FEAT, json("{\"feat_file\": \"a.nii\"}"));
    assertEquals("tool -feat a.nii c.txt", s.commandLine());
    assertEquals("feat=a.nii\nend", s.configFiles().get("out"));
  }

  @Test
  void noMemberGivenRemovesTheKey() throws Exception {
    Simulation s = Fixtures.BOUTIQUES.simulate(FEAT, json("{}"));
    assertEquals("tool c.txt", s.commandLine());
    assertEquals("\nend", s.configFiles().get("out"));
  }
}
