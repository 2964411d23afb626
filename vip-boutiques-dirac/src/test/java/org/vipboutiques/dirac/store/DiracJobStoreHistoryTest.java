package org.vipboutiques.dirac.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.job.JobStore;

/** The grid job store after a long history: opening it forgets the oldest ended jobs, never an unfinished one. */
class DiracJobStoreHistoryTest {

  @TempDir
  Path dir;

  @Test
  void aStoreOfFiftyThousandEndedGridJobsKeepsTheNewestAndEveryUnfinishedOne() throws Exception {
    Path file = dir.resolve("dirac-jobs.jsonl");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      String line = "{\"key\":\"k" + i + "\",\"id\":" + (1000 + i) + ",\"folder\":\"/jobs/" + i
          + "\",\"transport\":\"cli\",\"fingerprint\":\"f\",\"submitted\":\"2026-01-01T00:00:00Z\"";
      text.append(line).append(i == 3 ? "}\n" : ",\"final\":\"SUCCEEDED\"}\n");
    }
    Files.writeString(file, text);
    DiracJobStore store = DiracJobStore.open(file);
    assertEquals(JobStore.MAX_ENDED + 1, store.all().size());
    assertEquals("k3", store.unfinished().get(0).key(), "a job not known to have ended is kept");
    assertTrue(store.byId(1000 + 3).isPresent(), "and found by its id");
    assertEquals(JobState.SUCCEEDED, store.byId(1000 + 49_999).orElseThrow().finalState().orElseThrow());
    assertTrue(store.byKey("k39999").isEmpty(), "the oldest ended ones are forgotten");
    assertTrue(store.byKey("k40000").isPresent());
    assertEquals(JobStore.MAX_ENDED + 1, Files.readAllLines(file).size());
  }
}
