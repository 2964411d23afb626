package org.vipboutiques.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.job.JobStore;
import org.vipboutiques.execution.job.StoredJob;

class JobStoreTest {

  @TempDir
  Path dir;

  @Test
  void aReopenedStoreRemembersUnfinishedJobsAndSurvivesATornLine() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    JobStore store = JobStore.open(file);
    store.record(new StoredJob("1", dir.resolve("a"), Instant.parse("2026-01-01T00:00:00Z"), Map.of("site", "x"),
        Optional.empty()));
    store.record(new StoredJob("2", dir.resolve("b"), Instant.parse("2026-01-01T00:00:01Z"), Map.of(), Optional.empty()));
    store.markFinished("1", JobState.SUCCEEDED);
    Files.writeString(file, "{\"id\": \"3\", \"fold", StandardOpenOption.APPEND);
    JobStore again = JobStore.open(file);
    assertEquals(1, again.unfinished().size());
    assertEquals("2", again.unfinished().get(0).id());
    assertEquals(Optional.of(JobState.SUCCEEDED), again.find("1").orElseThrow().finalState());
    assertEquals("x", again.find("1").orElseThrow().attributes().get("site"));
    again.compact();
    assertEquals(2, Files.readAllLines(file).size());
    assertTrue(JobStore.open(file).find("2").isPresent());
  }
}
