package org.vipboutiques.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.cache.ResultCache;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.JobStatus;
import org.vipboutiques.execution.LogStream;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;

/**
 * The result cache in front of the local executor, on real processes: the tool appends a line to
 * a counter file each time it really runs, so "ran once" is counted by the tool itself.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResultCacheTest {

  @TempDir
  Path base;

  Path cache;
  Path counter;
  Path inputs;
  JobExecutor executor;

  @BeforeEach
  void open() throws Exception {
    cache = base.resolve("cache");
    counter = base.resolve("runs.txt");
    inputs = Files.createDirectories(base.resolve("inputs"));
    executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve("jobs"))
        .setting("cache", cache.toString()).build());
  }

  @AfterEach
  void close() {
    executor.close();
  }

  /** Reads every file of [IN] (a file or a folder), adds n=[NUM]; counts its runs; then sleeps and exits [CODE]. */
  JsonObject toolJson(int defaultNum, String extra) {
    return toolJson(counter, defaultNum, extra);
  }

  static JsonObject toolJson(Path counter, int defaultNum, String extra) {
    String inputs = "[{\"id\": \"in\", \"name\": \"in\", \"type\": \"File\", \"value-key\": \"[IN]\"},"
        + " {\"id\": \"num\", \"name\": \"num\", \"type\": \"Number\", \"integer\": true, \"optional\": true,"
        + " \"default-value\": " + defaultNum + ", \"value-key\": \"[NUM]\"},"
        + " {\"id\": \"code\", \"name\": \"code\", \"type\": \"Number\", \"integer\": true, \"optional\": true,"
        + " \"value-key\": \"[CODE]\"},"
        + " {\"id\": \"pause\", \"name\": \"pause\", \"type\": \"Number\", \"optional\": true, \"default-value\": 0,"
        + " \"value-key\": \"[PAUSE]\"}]";
    String command = "echo run >> '" + counter + "'; sleep [PAUSE]; mkdir -p out;"
        + " { find -L [IN] -type f | sort | xargs cat; echo n=[NUM]; } > out/result.txt; echo made; echo warn >&2;"
        + extra + " exit [CODE]";
    return Fixtures.descriptorJson(command, inputs, null,
        "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"out/result.txt\"},"
        + " {\"id\": \"maybe\", \"name\": \"m\", \"path-template\": \"absent.txt\", \"optional\": true}]");
  }

  Descriptor tool(int defaultNum) throws Exception {
    return Fixtures.BOUTIQUES.load(toolJson(defaultNum, ""), "cache-test");
  }

  JobRequest request(Descriptor d, String inputPath, String more) throws Exception {
    String json = "{\"in\": " + JsonString.of(inputPath).toJson() + (more.isEmpty() ? "" : ", " + more) + "}";
    return JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, Fixtures.json(json))).inputDirectory(inputs)
        .build();
  }

  JobResult run(JobRequest r) throws Exception {
    return executor.submit(r).await();
  }

  int runs() throws Exception {
    return Files.exists(counter) ? Files.readAllLines(counter).size() : 0;
  }

  static String read(Path p) throws Exception {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @Test
  void aSecondIdenticalJobIsAHitWithTheOutputsInItsOwnFolder() throws Exception {
    Files.writeString(inputs.resolve("a.txt"), "alpha\n");
    Descriptor d = tool(7);
    JobResult first = run(request(d, "a.txt", ""));
    assertEquals(JobState.SUCCEEDED, first.state(), first.toString());
    assertFalse(first.cacheHit());
    List<String> events = new CopyOnWriteArrayList<>();
    JobResult second = executor.submit(request(d, "a.txt", "").toBuilder().listener(new JobListener() {
      @Override
      public void stateChanged(Job job, JobStatus status) {
        events.add("state:" + status.state());
      }

      @Override
      public void logLine(Job job, LogStream stream, String line) {
        events.add(stream + ":" + line);
      }
    }).build()).await();
    assertEquals(1, runs(), "the tool ran once");
    assertEquals(JobState.SUCCEEDED, second.state(), second.toString());
    assertTrue(second.cacheHit(), second.toString());
    assertEquals(0, second.exitCode().orElseThrow());
    assertNotEquals(first.workDirectory(), second.workDirectory());
    Path out = second.outputFile("result").orElseThrow();
    assertTrue(out.startsWith(second.workDirectory()), out.toString());
    assertEquals("alpha\nn=7\n", read(out));
    assertEquals("made\n", second.stdoutTail());
    assertEquals("warn\n", second.stderrTail());
    assertEquals("made\n", read(second.stdoutFile()));
    assertEquals(first.missingOutputs(), second.missingOutputs());
    assertEquals(first.commandLine(), second.commandLine());
    assertEquals(List.of("state:QUEUED", "state:RUNNING", "STDOUT:made", "STDERR:warn", "state:SUCCEEDED"), events);
    // The copy is the job's own: changing it leaves the entry whole.
    Files.writeString(out, "changed");
    JobResult third = run(request(d, "a.txt", ""));
    assertTrue(third.cacheHit());
    assertEquals("alpha\nn=7\n", read(third.outputFile("result").orElseThrow()));
    assertEquals(1, runs());
  }

  @Test
  void oneChangedByteInAFileOrInAFileOfAFolderMisses() throws Exception {
    Files.writeString(inputs.resolve("a.txt"), "alpha\n");
    Path folder = Files.createDirectories(inputs.resolve("dir/sub"));
    Files.writeString(folder.resolve("x.txt"), "xxxx\n");
    Descriptor d = tool(7);
    run(request(d, "a.txt", ""));
    run(request(d, "dir", ""));
    assertEquals(2, runs());
    Files.writeString(inputs.resolve("a.txt"), "alphb\n");
    JobResult r = run(request(d, "a.txt", ""));
    assertFalse(r.cacheHit());
    assertEquals("alphb\nn=7\n", read(r.outputFile("result").orElseThrow()));
    Files.writeString(folder.resolve("x.txt"), "xxxy\n");
    JobResult f = run(request(d, "dir", ""));
    assertFalse(f.cacheHit());
    assertEquals("xxxy\nn=7\n", read(f.outputFile("result").orElseThrow()));
    assertEquals(4, runs());
    assertTrue(run(request(d, "dir", "")).cacheHit());
    assertEquals(4, runs());
  }

  @Test
  void aChangedDefaultOrValueMisses() throws Exception {
    Files.writeString(inputs.resolve("a.txt"), "alpha\n");
    run(request(tool(7), "a.txt", ""));
    JobResult other = run(request(tool(8), "a.txt", ""));
    assertFalse(other.cacheHit());
    assertEquals("alpha\nn=8\n", read(other.outputFile("result").orElseThrow()));
    assertFalse(run(request(tool(7), "a.txt", "\"num\": 9")).cacheHit());
    assertEquals(3, runs());
    assertTrue(run(request(tool(8), "a.txt", "")).cacheHit());
    assertTrue(run(request(tool(7), "a.txt", "\"num\": 7")).cacheHit(), "an explicit value equal to the default");
    assertEquals(3, runs());
  }

  @Test
  void aChangedImageOrEnvironmentMisses() throws Exception {
    Files.writeString(inputs.resolve("a.txt"), "alpha\n");
    Descriptor d = tool(7);
    run(request(d, "a.txt", ""));
    JsonObject withImage = toolJson(7, "").with("container-image", Fixtures.json(
        "{\"c\": {\"type\": \"docker\", \"image\": \"example/tool:1\"}}").members().get("c"));
    Descriptor image1 = Fixtures.BOUTIQUES.load(withImage, "cache-test");
    Descriptor image2 = Fixtures.BOUTIQUES.load(withImage.with("container-image", Fixtures.json(
        "{\"c\": {\"type\": \"docker\", \"image\": \"example/tool:2\"}}").members().get("c")), "cache-test");
    // The local executor runs on the host: the image is still part of the key.
    assertFalse(run(request(image1, "a.txt", "")).cacheHit());
    assertFalse(run(request(image2, "a.txt", "")).cacheHit());
    assertFalse(run(request(image2, "a.txt", "").toBuilder().option(ResultCache.IMAGE_DIGEST_OPTION, "sha256:ab")
        .build()).cacheHit());
    assertFalse(run(request(d, "a.txt", "").toBuilder().environment("MODE", "x").build()).cacheHit());
    assertEquals(5, runs());
    assertTrue(run(request(image2, "a.txt", "")).cacheHit());
    assertEquals(5, runs());
  }

  /** Four identical jobs at once: the tool runs once, the other three wait and get its outputs. */
  @Test
  void identicalJobsSubmittedAtOnceRunOnce() throws Exception {
    Files.writeString(inputs.resolve("a.txt"), "alpha\n");
    Descriptor d = tool(7);
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      jobs.add(executor.submit(request(d, "a.txt", "\"pause\": 2")));
    }
    int hits = 0;
    for (Job j : jobs) {
      JobResult r = j.await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      assertEquals("alpha\nn=7\n", read(r.outputFile("result").orElseThrow()));
      hits += r.cacheHit() ? 1 : 0;
    }
    assertEquals(1, runs(), "the tool ran once");
    assertEquals(3, hits);
  }

  /** Also through submitAll, and also across two executors on one cache folder. */
  @Test
  void identicalJobsOfTwoExecutorsOnOneCacheRunOnce() throws Exception {
    Files.writeString(inputs.resolve("a.txt"), "alpha\n");
    Descriptor d = tool(7);
    try (JobExecutor other = ResultCache.in(cache).wrap(
        JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve("jobs2")).build()),
        base.resolve("jobs2"))) {
      List<Job> jobs = new ArrayList<>(executor.submitAll(List.of(request(d, "a.txt", "\"pause\": 2"))));
      jobs.add(other.submit(request(d, "a.txt", "\"pause\": 2")));
      for (Job j : jobs) {
        assertEquals(JobState.SUCCEEDED, j.await().state());
      }
    }
    assertEquals(1, runs());
  }

  /**
   * Two processes on one cache folder: the other JVM's job holds the key's file lock while its tool
   * runs; the job here waits for it and is a hit.
   */
  @Test
  void identicalJobsOfTwoProcessesOnOneCacheRunOnce() throws Exception {
    Files.writeString(inputs.resolve("a.txt"), "alpha\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CacheChild.class.getName(),
        cache.toString(), base.resolve("child-jobs").toString(), counter.toString(), inputs.toString())
        .redirectErrorStream(true).redirectOutput(base.resolve("child.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (runs() == 0 && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(1, runs(), "the other process's tool started: " + read(base.resolve("child.log")));
      JobResult r = run(request(tool(7), "a.txt", "\"pause\": 3"));
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, child.exitValue(), read(base.resolve("child.log")));
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      assertTrue(r.cacheHit(), r.toString());
      assertEquals(1, runs(), "the tool ran once, in the other process");
    } finally {
      child.destroyForcibly();
    }
  }

  /** A job waiting for an identical one can be cancelled: it ends CANCELLED at once; the first is unharmed. */
  @Test
  void aWaitingJobCanBeCancelled() throws Exception {
    Files.writeString(inputs.resolve("a.txt"), "alpha\n");
    Descriptor d = tool(7);
    Job first = executor.submit(request(d, "a.txt", "\"pause\": 3"));
    List<String> states = new CopyOnWriteArrayList<>();
    Job waiting = executor.submit(request(d, "a.txt", "\"pause\": 3").toBuilder().listener(new JobListener() {
      @Override
      public void stateChanged(Job job, JobStatus status) {
        states.add(status.state().name());
      }
    }).build());
    assertEquals(JobState.QUEUED, waiting.status().state());
    assertTrue(waiting.cancel());
    JobResult r = waiting.result().get(10, TimeUnit.SECONDS);
    assertEquals(JobState.CANCELLED, r.state(), r.toString());
    assertEquals(List.of("QUEUED", "CANCELLED"), states);
    assertEquals(JobState.SUCCEEDED, first.await().state());
    assertEquals(1, runs());
    assertTrue(run(request(d, "a.txt", "\"pause\": 3")).cacheHit(), "the lock was released");
  }

  @Test
  void aFailedRunIsNeverStored() throws Exception {
    Files.writeString(inputs.resolve("a.txt"), "alpha\n");
    Descriptor d = tool(7);
    for (int i = 0; i < 2; i++) {
      JobResult r = run(request(d, "a.txt", "\"code\": 3"));
      assertEquals(JobState.FAILED, r.state());
      assertFalse(r.cacheHit());
    }
    assertEquals(2, runs());
    // Exit code 0 but a required output missing.
    Descriptor noOutput = Fixtures.BOUTIQUES.load(toolJson(7, " rm out/result.txt;"), "cache-test");
    for (int i = 0; i < 2; i++) {
      JobResult r = run(request(noOutput, "a.txt", ""));
      assertEquals(JobState.FAILED, r.state(), r.toString());
      assertFalse(r.cacheHit());
    }
    assertEquals(4, runs());
    assertTrue(entries().isEmpty(), entries().toString());
  }

  /** A failed first run of two identical jobs at once: the waiting one runs itself. */
  @Test
  void aJobWaitingForAFailedRunRunsItself() throws Exception {
    Files.writeString(inputs.resolve("a.txt"), "alpha\n");
    Descriptor d = tool(7);
    Job first = executor.submit(request(d, "a.txt", "\"pause\": 1, \"code\": 2"));
    Job second = executor.submit(request(d, "a.txt", "\"pause\": 1, \"code\": 2"));
    assertEquals(JobState.FAILED, first.await().state());
    JobResult r = second.await();
    assertEquals(JobState.FAILED, r.state());
    assertEquals(2, r.exitCode().orElseThrow());
    assertEquals(2, runs());
  }

  @Test
  void aDamagedEntryIsAMissAndIsReplaced() throws Exception {
    Files.writeString(inputs.resolve("a.txt"), "alpha\n");
    Descriptor d = tool(7);
    run(request(d, "a.txt", ""));
    List<Path> stored = entries();
    assertEquals(1, stored.size());
    Files.delete(stored.get(0).resolve("files/out/result.txt"));
    JobResult r = run(request(d, "a.txt", ""));
    assertFalse(r.cacheHit());
    assertEquals(JobState.SUCCEEDED, r.state());
    assertEquals(2, runs());
    assertTrue(run(request(d, "a.txt", "")).cacheHit());
    Files.writeString(entries().get(0).resolve("entry.json"), "{not json");
    assertFalse(run(request(d, "a.txt", "")).cacheHit());
    assertEquals(3, runs());
  }

  @Test
  void entriesAreTheirUsersAlone() throws Exception {
    Files.writeString(inputs.resolve("a.txt"), "alpha\n");
    run(request(tool(7), "a.txt", ""));
    List<String> open = new ArrayList<>();
    try (Stream<Path> all = Files.walk(cache)) {
      for (Path p : all.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        if (!mode.endsWith("------")) {
          open.add(cache.relativize(p) + " " + mode);
        }
      }
    }
    assertEquals(List.of(), open);
    try (Stream<Path> tmp = Files.list(cache.resolve("tmp"))) {
      assertEquals(0, tmp.count(), "no temporary folder left");
    }
  }

  @Test
  void inputsOverTheBoundsAreRefusedInOneLine() throws Exception {
    Path folder = Files.createDirectories(inputs.resolve("many"));
    for (int i = 0; i < 5; i++) {
      Files.writeString(folder.resolve("f" + i), "x");
    }
    try (JobExecutor small = ResultCache.in(cache).withLimits(4, 1000).wrap(
        JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve("jobs")).build()),
        base.resolve("jobs"))) {
      JobRejectedException e = assertThrows(JobRejectedException.class,
          () -> small.submit(request(tool(7), "many", "")));
      assertTrue(e.getMessage().startsWith("result cache: the File inputs hold more than 4 files"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      Files.writeString(inputs.resolve("big"), "y".repeat(1001));
      e = assertThrows(JobRejectedException.class, () -> small.submit(request(tool(7), "big", "")));
      assertTrue(e.getMessage().contains("more than 1000 bytes"), e.getMessage());
    }
    assertEquals(0, runs());
  }

  /** The executor and the job folder are not part of the key. */
  @Test
  void anotherJobFolderOrExecutorInstanceStillHits() throws Exception {
    Files.writeString(inputs.resolve("a.txt"), "alpha\n");
    Descriptor d = tool(7);
    run(request(d, "a.txt", ""));
    executor.close();
    executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve("elsewhere"))
        .setting("cache", cache.toString()).build());
    JobResult r = run(request(d, "a.txt", "").toBuilder().workDirectory(base.resolve("mine")).build());
    assertTrue(r.cacheHit());
    assertEquals(base.resolve("mine").toAbsolutePath(), r.workDirectory());
    assertEquals("alpha\nn=7\n", read(base.resolve("mine/out/result.txt")));
    assertEquals(1, runs());
  }

  List<Path> entries() throws Exception {
    Path entries = cache.resolve("entries");
    if (!Files.isDirectory(entries)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(entries)) {
      return s.toList();
    }
  }
}
