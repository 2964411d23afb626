package org.vipboutiques.dirac.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.JobState;

/** Two processes (two store instances) sharing one DIRAC job store. */
class DiracJobStoreTest {

  @TempDir
  Path tmp;

  @Test
  void aStoreSeesAndNeverOverwritesWhatAnotherProcessRecorded() {
    Path file = tmp.resolve("store.jsonl");
    DiracJobStore a = DiracJobStore.open(file);
    DiracJobStore b = DiracJobStore.open(file);
    a.recordAll(List.of(DiracJobRecord.pending("vipb_1", tmp, "diracx", "fp")));
    // b restarts while a is still submitting: it sees the pending submission...
    assertEquals(List.of("vipb_1"), b.unfinished().stream().map(DiracJobRecord::key).toList());
    a.submitted(Map.of("vipb_1", 42L), k -> DiracJobRecord.pending(k, tmp, "diracx", ""));
    // ...and, DIRAC not knowing it yet by name, gives it up: not once a has its id.
    assertTrue(b.abandoned(List.of("vipb_1")).isEmpty());
    DiracJobRecord r = b.byId(42).orElseThrow(() -> new AssertionError("an id another process recorded"));
    assertEquals("fp", r.fingerprint(), "the record a wrote, not a stale copy");
    assertTrue(r.finalState().isEmpty());
    a.finished(Map.of("vipb_1", JobState.SUCCEEDED));
    assertTrue(b.finished(Map.of("vipb_1", JobState.FAILED)).isEmpty(), "the first end stays");
    DiracJobRecord after = DiracJobStore.open(file).byKey("vipb_1").orElseThrow();
    assertEquals(Optional.of(JobState.SUCCEEDED), after.finalState());
    assertEquals(Optional.of(42L), after.jobId());
  }

  @Test
  void aSubmissionGivenUpByAnotherProcessIsFollowedAgainOnceItsIdComes() {
    Path file = tmp.resolve("store.jsonl");
    DiracJobStore a = DiracJobStore.open(file);
    DiracJobStore b = DiracJobStore.open(file);
    a.recordAll(List.of(DiracJobRecord.pending("vipb_2", tmp, "diracx", "fp")));
    assertEquals(1, b.abandoned(List.of("vipb_2")).size());
    a.submitted(Map.of("vipb_2", 7L), k -> DiracJobRecord.pending(k, tmp, "diracx", ""));
    assertEquals(List.of(7L), b.unfinished().stream().map(x -> x.jobId().orElseThrow()).toList(),
        "DIRAC has the job: it is unfinished again");
  }
}
