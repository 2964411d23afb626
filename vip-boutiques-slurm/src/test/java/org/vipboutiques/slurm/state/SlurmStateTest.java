package org.vipboutiques.slurm.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vipboutiques.execution.JobState;

/** Slurm's states and the executor API's. */
class SlurmStateTest {

  @Test
  void theStatesOfTheIssueMapToTheApi() {
    Map<String, JobState> expected = Map.ofEntries(
        Map.entry("PENDING", JobState.QUEUED),
        Map.entry("RUNNING", JobState.RUNNING),
        Map.entry("COMPLETING", JobState.RUNNING),
        Map.entry("COMPLETED", JobState.SUCCEEDED),
        Map.entry("FAILED", JobState.FAILED),
        Map.entry("CANCELLED", JobState.CANCELLED),
        Map.entry("TIMEOUT", JobState.FAILED),
        Map.entry("NODE_FAIL", JobState.FAILED),
        Map.entry("OUT_OF_MEMORY", JobState.FAILED),
        Map.entry("PREEMPTED", JobState.FAILED));
    expected.forEach((word, state) -> {
      SlurmState s = SlurmState.parse(word).orElseThrow();
      assertEquals(state, s.jobState(), word);
      assertEquals(state.isFinal(), s.isFinal(), word);
    });
  }

  @Test
  void everyStateHasAMeaningAndFinalOnesMapToFinalStates() {
    for (SlurmState s : SlurmState.values()) {
      assertFalse(s.meaning().isBlank());
      assertEquals(s.isFinal(), s.jobState().isFinal(), s.name());
      assertEquals(Optional.of(s), SlurmState.parse(s.name()));
    }
  }

  @Test
  void wordsAsCommandsPrintThem() {
    assertEquals(Optional.of(SlurmState.CANCELLED), SlurmState.parse("CANCELLED by 1000"));
    assertEquals(Optional.of(SlurmState.PENDING), SlurmState.parse(" pending "));
    assertEquals(Optional.of(SlurmState.OUT_OF_MEMORY), SlurmState.parse("OOM"));
    assertEquals(Optional.of(SlurmState.COMPLETING), SlurmState.parse("CG"));
    assertEquals(Optional.empty(), SlurmState.parse("FROBNICATED"));
    assertEquals(Optional.empty(), SlurmState.parse(""));
  }

  @Test
  void exitStatuses() {
    assertEquals(Optional.of(new ExitStatus(3, 0)), ExitStatus.parseWaitStatus("768"));
    assertEquals(Optional.of(new ExitStatus(0, 15)), ExitStatus.parseWaitStatus("15"));
    assertEquals(Optional.of(new ExitStatus(3, 0)), ExitStatus.parsePair("3:0"));
    assertEquals(Optional.of(new ExitStatus(0, 9)), ExitStatus.parsePair("0:9"));
    assertTrue(ExitStatus.parsePair("0:9").orElseThrow().signalled());
    assertEquals(Optional.empty(), ExitStatus.parsePair("x"));
    assertEquals(Optional.empty(), ExitStatus.parseWaitStatus(""));
  }
}
