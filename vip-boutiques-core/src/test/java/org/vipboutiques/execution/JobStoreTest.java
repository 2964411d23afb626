package org.vipboutiques.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
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
      f.setLength(RecordLog.Limits.DEFAULT.maxBytes() + 1); // sparse: no disk used
    }
    java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
        () -> JobStore.open(file));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("more than"), e.getMessage());
    assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
  }

  /** A job another process (here another instance) recorded after this one opened the store is found by its id. */
  @Test
  void aJobRecordedByAnotherProcessAfterOpeningIsFound() {
    Path file = dir.resolve("jobs.jsonl");
    JobStore mine = JobStore.open(file);
    JobStore theirs = JobStore.open(file);
    theirs.record(job("theirs-1"));
    assertEquals("theirs-1", mine.find("theirs-1").orElseThrow().id());
    assertEquals(List.of("theirs-1"), mine.unfinished().stream().map(StoredJob::id).toList());
    theirs.markFinished("theirs-1", JobState.SUCCEEDED);
    assertTrue(mine.unfinished().isEmpty(), "an end another process recorded is seen");
    // After the other one compacted the file (a new file under the same name), new records are still seen.
    for (int i = 0; i < 5; i++) {
      theirs.record(job("more-" + i));
    }
    theirs.compact();
    theirs.record(job("after-compaction"));
    assertTrue(mine.find("after-compaction").isPresent());
    assertEquals(7, mine.all().size());
  }

  /** A stale copy of a job (read before another process ended it) never overwrites that end. */
  @Test
  void theFirstEndRecordedStaysWhicheverProcessRecordedIt() {
    Path file = dir.resolve("jobs.jsonl");
    JobStore a = JobStore.open(file);
    a.record(new StoredJob("1", dir.resolve("a"), Instant.parse("2026-01-01T00:00:00Z"), Map.of("query-id", "1"),
        Optional.empty()));
    JobStore b = JobStore.open(file);
    assertTrue(b.find("1").orElseThrow().finalState().isEmpty());
    a.markFinished("1", JobState.SUCCEEDED);
    b.markFinished("1", JobState.FAILED); // b's copy still says running
    StoredJob after = JobStore.open(file).find("1").orElseThrow();
    assertEquals(Optional.of(JobState.SUCCEEDED), after.finalState());
    assertEquals("1", after.attributes().get("query-id"));
  }

  /**
   * Two processes sharing one store, each recording and ending its jobs and ending the other's it
   * finds, while this one compacts now and then: nothing is lost, no record is overwritten by a
   * stale copy, and this process's store (opened before the other started) sees the other's jobs.
   */
  @Test
  void twoProcessesWritingTheSameStoreAtOnceLoseNothing() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    JobStore store = JobStore.open(file);
    int n = 400;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        StoreAppender.class.getName(), file.toString(), "child", Integer.toString(n), "parent")
        .redirectErrorStream(true).start();
    // Started together, not one after the other: the child's JVM takes longer to start than this loop to run.
    while (store.find("child-0").isEmpty() && child.isAlive()) {
      Thread.sleep(5);
    }
    int seen = 0;
    for (int i = 0; i < n; i++) {
      store.record(new StoredJob("parent-" + i, Path.of("/jobs/" + i), Instant.now(), Map.of("owner", "parent"),
          Optional.empty()));
      store.markFinished("parent-" + i, JobState.SUCCEEDED);
      if (store.find("child-" + i).isPresent()) {
        seen++;
        store.markFinished("child-" + i, JobState.CANCELLED);
      }
      if (i % 50 == 49) {
        store.compact();
      }
    }
    String out = new String(child.getInputStream().readAllBytes());
    assertEquals(0, child.waitFor(), out);
    for (String owner : List.of("parent", "child")) {
      for (int i = 0; i < n; i++) {
        StoredJob j = store.find(owner + "-" + i).orElseThrow(() -> new AssertionError("a job lost"));
        assertEquals(owner, j.attributes().get("owner"), j.toString());
        assertTrue(j.finalState().isPresent(), j + " lost its end (" + out.strip() + ", parent saw " + seen + ")");
      }
    }
    assertEquals(2 * n, JobStore.open(file).all().size());
    assertTrue(store.unfinished().isEmpty());
    assertTrue(seen > 0, "this one saw " + seen + " of the other's jobs as it went, the other: " + out.strip());
  }

  @Test
  void aStoreThatIsALinkIsNeitherReadNorWritten() throws Exception {
    Path target = dir.resolve("elsewhere.jsonl");
    Path file = dir.resolve("jobs.jsonl");
    Files.createSymbolicLink(file, target);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> JobStore.open(file).record(job("1")));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertFalse(Files.exists(target), "nothing written through the link");
    Files.writeString(target, JobStoreTest.line("1"));
    e = assertThrows(UncheckedIOException.class, () -> JobStore.open(file));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void aStoreOthersMayWriteIsRefusedAndOneOthersMayReadIsMadeOwnerOnly() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    JobStore.open(file).record(job("1"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> JobStore.open(file));
    assertTrue(e.getMessage().contains("may be written by others") && e.getMessage().contains("chmod 600"),
        e.getMessage());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertTrue(JobStore.open(file).find("1").isPresent());
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
    assertEquals(PosixFilePermissions.fromString("rw-------"),
        Files.getPosixFilePermissions(dir.resolve("jobs.jsonl.lock")));
  }

  @Test
  void aStoreOverItsBoundsFailsInOneLine() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    JobStore small = JobStore.open(file, new RecordLog.Limits(100_000, 3));
    small.recordAll(List.of(job("1"), job("2"), job("3")));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> small.record(job("4")));
    assertTrue(e.getMessage().contains("more than its limit of 3"), e.getMessage());
    assertEquals(3, JobStore.open(file).all().size(), "nothing written past the bound");
    small.markFinished("1", JobState.SUCCEEDED); // changing a job is not a new one
    long size = Files.size(file);
    e = assertThrows(UncheckedIOException.class, () -> JobStore.open(file, new RecordLog.Limits(size - 1, 10)));
    assertTrue(e.getMessage().contains(size + " bytes, more than its limit of " + (size - 1)), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    Files.writeString(file, line("4") + line("5"), StandardOpenOption.APPEND);
    e = assertThrows(UncheckedIOException.class, () -> JobStore.open(file, new RecordLog.Limits(100_000, 4)));
    assertTrue(e.getMessage().contains("more than 4 jobs"), e.getMessage());
  }

  /** A store mostly made of superseded lines is compacted as it grows, other processes' records kept. */
  @Test
  void aStoreIsCompactedAsItGrows() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    JobStore a = JobStore.open(file);
    JobStore b = JobStore.open(file);
    b.record(job("b"));
    for (int k = 0; k < 7; k++) {
      List<StoredJob> batch = new java.util.ArrayList<>();
      for (int i = 100 * k; i < 100 * k + 100; i++) {
        batch.add(job("a-" + i));
      }
      a.recordAll(batch);
      a.recordAll(batch.stream().map(j -> j.finished(JobState.SUCCEEDED)).toList());
      a.recordAll(batch.stream().map(j -> j.finished(JobState.SUCCEEDED)).toList()); // a third line for each job
    }
    assertTrue(Files.readAllLines(file).size() < 1500, Files.readAllLines(file).size() + " lines");
    assertEquals(701, JobStore.open(file).all().size());
    assertTrue(b.find("a-699").isPresent());
  }

  static String line(String id) {
    return "{\"id\": \"" + id + "\", \"folder\": \"/jobs/" + id + "\", \"submitted\": \"2026-01-01T00:00:00Z\","
        + " \"attributes\": {}}\n";
  }

  /**
   * The retention is applied in the compaction under the lock, by whichever process passes the
   * bound; another process that opened the store before reads the new file whole (its inode
   * changed): it forgets the same jobs, keeps its unfinished one, and its later changes are seen.
   */
  @Test
  void endedJobsAnotherProcessForgotAreForgottenHereTooAndUnfinishedOnesKept() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    JobStore mine = JobStore.open(file);
    mine.record(job("mine"));
    JobStore theirs = JobStore.open(file);
    List<StoredJob> ended = new java.util.ArrayList<>();
    for (int i = 0; i <= 2 * JobStore.MAX_ENDED; i++) {
      ended.add(job("e" + i).finished(JobState.SUCCEEDED));
    }
    theirs.recordAll(ended);
    assertEquals(JobStore.MAX_ENDED + 1, Files.readAllLines(file).size(), "compacted by the process that passed the bound");
    assertTrue(mine.find("e" + JobStore.MAX_ENDED).isEmpty(), "the oldest ended ones are forgotten here too");
    assertTrue(mine.find("e" + (JobStore.MAX_ENDED + 1)).isPresent());
    assertEquals(List.of("mine"), mine.unfinished().stream().map(StoredJob::id).toList());
    mine.markFinished("mine", JobState.FAILED);
    assertEquals(Optional.of(JobState.FAILED), theirs.find("mine").orElseThrow().finalState());
    assertEquals(JobStore.MAX_ENDED + 1, theirs.all().size());
  }

  static StoredJob job(String id) {
    return new StoredJob(id, Path.of("/jobs/" + id), Instant.parse("2026-01-01T00:00:00Z"), Map.of(), Optional.empty());
  }
}
