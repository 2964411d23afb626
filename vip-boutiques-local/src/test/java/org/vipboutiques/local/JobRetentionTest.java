package org.vipboutiques.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobRetention;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.job.EndedJobs;

/**
 * Job folders do not pile up: the folders of ended jobs beyond a retention are deleted, never a
 * running job's, never a folder no job ended in, never through a link.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobRetentionTest {

  @TempDir
  Path root;

  Path base;
  JobExecutor executor;

  @BeforeEach
  void open() throws Exception {
    base = root.resolve("jobs");
    executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base).build());
  }

  @AfterEach
  void close() {
    executor.close();
  }

  private JobResult run(String commandLine, String text) throws Exception {
    Descriptor d = Fixtures.textTool(commandLine, null);
    JobResult r = executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d,
        text == null ? Map.of() : Map.of("text", text))).build()).await();
    Thread.sleep(20); // distinct end times
    return r;
  }

  private Job start(String commandLine) throws Exception {
    Descriptor d = Fixtures.textTool(commandLine, null);
    Job job = executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, Map.of())).build());
    while (job.status().state() != JobState.RUNNING) {
      Thread.sleep(10);
    }
    return job;
  }

  @Test
  void endedJobsBeyondTheRetentionGoRunningAndForeignFoldersStay() throws Exception {
    Path outside = Files.writeString(root.resolve("precious.txt"), "keep me");
    List<Path> ended = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      // Each tool leaves a link to a file outside its folder: removing the folder removes the link only.
      ended.add(run("ln -s [TEXT] link; mkdir -p sub/deeper; echo x > sub/deeper/f", outside.toString())
          .workDirectory());
    }
    Job running = start("sleep 30");
    Path foreign = Files.createDirectories(base.resolve("not-a-job"));
    Files.writeString(foreign.resolve("notes.txt"), "mine");

    assertEquals(ended.subList(0, 2), JobExecutors.pruneJobFolders(base, JobRetention.keepLast(1)));
    assertFalse(Files.exists(ended.get(0), LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.exists(ended.get(1), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isDirectory(ended.get(2)));
    assertTrue(Files.isDirectory(running.workDirectory()), "a running job's folder");
    assertTrue(Files.exists(foreign.resolve("notes.txt")), "a folder no job ended in");
    assertEquals("keep me", Files.readString(outside));

    running.cancel();
    assertEquals(JobState.CANCELLED, running.await().state());
    assertEquals(List.of(ended.get(2), running.workDirectory()),
        JobExecutors.pruneJobFolders(base, JobRetention.keepLast(0)));
    assertTrue(Files.exists(foreign.resolve("notes.txt")));
    assertEquals("keep me", Files.readString(outside));
  }

  @Test
  void recentJobsAreKeptForTheirPeriod() throws Exception {
    Path first = run("true", null).workDirectory();
    assertEquals(List.of(), JobExecutors.pruneJobFolders(base, JobRetention.keepFor(Duration.ofHours(1))));
    Thread.sleep(300);
    Path second = run("true", null).workDirectory();
    // Kept by either rule: the last one, or those of the last 200 ms.
    assertEquals(List.of(first), JobExecutors.pruneJobFolders(base,
        JobRetention.keepFor(Duration.ofMillis(200)).andKeepLast(1)));
    assertTrue(Files.isDirectory(second));
  }

  /** A job run again in the folder of one that ended is running: the old end marker does not count. */
  @Test
  void aFolderReusedByARunningJobIsNotEnded() throws Exception {
    Path folder = base.resolve("reused");
    Descriptor d = Fixtures.textTool("sleep 30", null);
    Descriptor quick = Fixtures.textTool("true", null);
    executor.submit(JobRequest.builder(quick, Fixtures.BOUTIQUES.invocation(quick, Map.of())).workDirectory(folder)
        .build()).await();
    assertTrue(Files.exists(folder.resolve(EndedJobs.MARKER)));
    Job again = executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, Map.of()))
        .workDirectory(folder).build());
    assertEquals(List.of(), JobExecutors.pruneJobFolders(base, JobRetention.keepLast(0)));
    assertTrue(Files.isDirectory(folder));
    again.cancel();
    again.await();
  }

  /** A tool that plants a link where the end marker goes cannot make the library write through it. */
  @Test
  void theEndMarkerIsNeverWrittenThroughALink() throws Exception {
    Path outside = Files.writeString(root.resolve("target.txt"), "untouched");
    JobResult r = run("ln -s [TEXT] " + EndedJobs.MARKER, outside.toString());
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("untouched", Files.readString(outside));
    assertTrue(Files.isRegularFile(r.workDirectory().resolve(EndedJobs.MARKER), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void theKeepJobsSettingPrunesWhenAnExecutorIsCreated() throws Exception {
    List<Path> ended = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ended.add(run("true", null).workDirectory());
    }
    try (JobExecutor again = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base)
        .setting("keep-jobs", "1").build())) {
      assertFalse(Files.exists(ended.get(0)));
      assertFalse(Files.exists(ended.get(1)));
      assertTrue(Files.exists(ended.get(2)));
    }
  }

  @Test
  void aMisspelledSettingIsRefusedWithTheKnownOnes() {
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class, () -> JobExecutors.create(
        ExecutorConfig.builder("local").baseDirectory(base).setting("timout", "5m").build()));
    assertEquals("unknown setting \"timout\" (did you mean \"timeout\"?) for the local executor; its settings are"
        + " cache, cache-max-age, cache-max-size, keep-jobs, keep-jobs-for, retries, retry-backoff, retry-exit-codes,"
        + " timeout", e.getMessage());
    e = assertThrows(ExecutorUnavailableException.class, () -> JobExecutors.create(
        ExecutorConfig.builder("local").baseDirectory(base).setting("keep-jobs", "-1").build()));
    assertEquals("setting keep-jobs must not be negative: -1", e.getMessage());
  }
}
