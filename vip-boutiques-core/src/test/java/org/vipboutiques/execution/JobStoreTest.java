package org.vipboutiques.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.job.JobStore;
import org.vipboutiques.execution.job.RecordLog;
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

  /** Issue 11 item 7: a half-written line swallowed the next record, which a restart then lost. */
  @Test
  void aTornLineDoesNotSwallowTheNextRecord() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    JobStore.open(file).record(job("1"));
    Files.writeString(file, "{\"id\": \"2\", \"fold", StandardOpenOption.APPEND); // a crash mid-write
    JobStore restarted = JobStore.open(file);
    restarted.record(job("3"));
    JobStore again = JobStore.open(file);
    assertTrue(again.find("3").isPresent(), "the record after the torn line survives a restart");
    assertTrue(again.find("1").isPresent());
    assertEquals(List.of("1", "3"), again.unfinished().stream().map(StoredJob::id).toList());
  }

  /**
   * Issue 11 item 12: a compaction that rewrote the file without the lock lost what another process
   * appended meanwhile. A child JVM appends 300 jobs one by one while this one compacts over and over.
   */
  @Test
  void anotherProcessAppendingWhileThisOneCompactsLosesNothing() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    JobStore store = JobStore.open(file);
    store.record(job("mine-0"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        StoreAppender.class.getName(), file.toString(), "child", "300").redirectErrorStream(true).start();
    int compactions = 0;
    int mine = 1;
    while (child.isAlive()) {
      store.record(job("mine-" + mine++));
      JobStore.open(file).compact();
      compactions++;
    }
    String out = new String(child.getInputStream().readAllBytes());
    assertEquals(0, child.waitFor(), out);
    JobStore after = JobStore.open(file);
    for (int i = 0; i < 300; i++) {
      assertTrue(after.find("child-" + i).isPresent(), "child-" + i + " lost (" + compactions + " compactions)");
    }
    for (int i = 0; i < mine; i++) {
      assertTrue(after.find("mine-" + i).isPresent(), "mine-" + i + " lost");
    }
    assertTrue(compactions > 0);
  }

  @Test
  void theStoreIsOwnerOnly() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    JobStore store = JobStore.open(file);
    store.record(job("1"));
    store.compact();
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
  }

  /**
   * A store after a long history: 50,000 jobs that ended (each recorded at submission and again at
   * its end, as Slurm's executor does) and a few that did not. Opening it forgets the oldest ended
   * ones: the next opening reads a bounded file, whatever the history.
   */
  @Test
  void openingAStoreOfFiftyThousandEndedJobsKeepsTheNewestAndEveryUnfinishedOne() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      String line = "{\"id\": \"" + i + "\", \"folder\": \"/jobs/" + i + "\", \"submitted\": \"2026-01-01T00:00:00Z\","
          + " \"attributes\": {}";
      text.append(line).append("}\n");
      if (i % 10_000 != 7) {
        text.append(line).append(", \"final\": \"SUCCEEDED\"}\n");
      }
    }
    Files.writeString(file, text);
    JobStore store = JobStore.open(file);
    assertEquals(List.of("7", "10007", "20007", "30007", "40007"),
        store.unfinished().stream().map(StoredJob::id).toList(), "jobs not known to have ended are all kept");
    assertEquals(JobStore.MAX_ENDED + 5, store.all().size());
    assertTrue(store.find("49999").orElseThrow().finalState().isPresent(), "the newest ended job is kept");
    assertTrue(store.find("39998").isEmpty(), "the oldest ended ones are forgotten");
    assertTrue(store.find("39999").isPresent());
    assertEquals(JobStore.MAX_ENDED + 5, Files.readAllLines(file).size(), "and the file holds no more");
    store.record(job("new"));
    JobStore again = JobStore.open(file);
    assertEquals(JobStore.MAX_ENDED + 6, again.all().size());
    assertEquals(JobStore.MAX_ENDED + 6, Files.readAllLines(file).size(), "under the bound: not rewritten");
  }

  /** A file far bigger than a store can become (a wrong path, a damaged disk) is refused in one line, never read whole. */
  @Test
  void aStoreFileBiggerThanTheBoundIsRefusedInOneLine() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(RecordLog.MAX_BYTES + 1); // sparse: no disk used
    }
    java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
        () -> JobStore.open(file));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("more than"), e.getMessage());
    assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
  }

  static StoredJob job(String id) {
    return new StoredJob(id, Path.of("/jobs/" + id), Instant.parse("2026-01-01T00:00:00Z"), Map.of(), Optional.empty());
  }
}
