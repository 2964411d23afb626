package org.vipboutiques.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.JobStatus;
import org.vipboutiques.execution.LogStream;
import org.vipboutiques.invocation.Invocation;

/** The local executor on real processes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalExecutorTest {

  @TempDir
  Path base;

  JobExecutor executor;

  @BeforeEach
  void open() throws Exception {
    executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base).build());
  }

  @AfterEach
  void close() {
    executor.close();
  }

  /** A tool with the optional String inputs text ([TEXT]) and out ([OUT]), where used. */
  static Descriptor tool(String commandLine, String outputs) {
    return Fixtures.textTool(commandLine, outputs);
  }

  static Invocation invocation(Descriptor d, String json) throws Exception {
    return Fixtures.BOUTIQUES.invocation(d, Fixtures.json(json));
  }

  JobResult run(Descriptor d, String invocation) throws Exception {
    return executor.submit(JobRequest.builder(d, invocation(d, invocation)).build()).await();
  }

  @Test
  void runsTheCommandAndFindsItsOutputs() throws Exception {
    Descriptor d = tool("echo [TEXT] > [OUT]; echo done",
        "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\", \"optional\": false}]");
    JobResult r = run(d, "{\"text\": \"hello\", \"out\": \"a.txt\"}");
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals(0, r.exitCode().orElseThrow());
    assertEquals("hello\n", Files.readString(r.outputFile("result").orElseThrow()));
    assertEquals("done\n", r.stdoutTail());
    assertEquals("done\n", Files.readString(r.stdoutFile()));
    assertEquals("echo hello > a.txt; echo done", r.commandLine());
  }

  @Test
  void aLinkTheToolLeavesAtTheExitCodesNameIsNotWrittenThrough(@TempDir Path elsewhere) throws Exception {
    Path outside = Files.writeString(elsewhere.resolve("outside.txt"), "keep");
    Descriptor d = tool("rm -f .vipb-exit-code; ln -s " + outside + " .vipb-exit-code; exit 5", null);
    JobResult r = run(d, "{}");
    assertEquals(5, r.exitCode().orElseThrow(), r.toString());
    assertEquals("keep", Files.readString(outside));
  }

  @Test
  void shellMetacharactersInValuesRunNothing() throws Exception {
    Descriptor d = tool("echo [TEXT]", null);
    String hostile = "$(touch pwned1); `touch pwned2`; touch pwned3 | touch pwned4 && touch pwned5 'x\" \\";
    JobResult r = run(d, "{\"text\": " + org.vipboutiques.json.JsonString.of(hostile).toJson() + "}");
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals(hostile + "\n", r.stdoutTail());
    try (var files = Files.list(r.workDirectory())) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("pwned")), "nothing ran");
    }
  }

  @Test
  void aNonZeroExitFailsWithItsDescription() throws Exception {
    Descriptor d = Fixtures.BOUTIQUES.load(Fixtures.descriptorJson("exit 3",
        "[{\"id\": \"unused\", \"name\": \"unused\", \"type\": \"String\", \"optional\": true}]", null, null)
        .with("error-codes", Fixtures.json("{\"e\": [{\"code\": 3, \"description\": \"no input\"}]}")
            .members().get("e")), "t");
    JobResult r = executor.submit(JobRequest.builder(d, invocation(d, "{}")).build()).await();
    assertEquals(JobState.FAILED, r.state());
    assertEquals(3, r.exitCode().orElseThrow());
    assertEquals("no input", r.exitCodeDescription().orElseThrow());
  }

  @Test
  void aMissingRequiredOutputFailsTheJob() throws Exception {
    Descriptor d = tool("true", "[{\"id\": \"r\", \"name\": \"r\", \"path-template\": \"never.txt\"},"
        + " {\"id\": \"o\", \"name\": \"o\", \"path-template\": \"maybe.txt\", \"optional\": true}]");
    JobResult r = run(d, "{}");
    assertEquals(JobState.FAILED, r.state());
    assertEquals(0, r.exitCode().orElseThrow());
    assertEquals(List.of("r"), r.missingRequiredOutputs().stream().map(m -> m.id()).toList());
    assertEquals(2, r.missingOutputs().size());
    assertTrue(r.failure().orElseThrow().contains("never.txt"));
  }

  @Test
  void outputsOutsideTheJobFolderAreRefusedBeforeRunning() {
    Descriptor d = tool("touch [OUT]", "[{\"id\": \"r\", \"name\": \"r\", \"path-template\": \"../[OUT]\"}]");
    JobRejectedException e = assertThrows(JobRejectedException.class,
        () -> executor.submit(JobRequest.builder(d, invocation(d, "{\"out\": \"x\"}")).build()));
    assertTrue(e.getMessage().contains("outside the job folder"), e.getMessage());
    Descriptor abs = tool("touch [OUT]", "[{\"id\": \"r\", \"name\": \"r\", \"path-template\": \"/tmp/[OUT]\"}]");
    assertThrows(JobRejectedException.class,
        () -> executor.submit(JobRequest.builder(abs, invocation(abs, "{\"out\": \"x\"}")).build()));
  }

  @Test
  void aTimeoutStopsTheWholeTree() throws Exception {
    Descriptor d = tool("sleep 30 & echo $! > child.pid; sleep 30", null);
    Job job = executor.submit(JobRequest.builder(d, invocation(d, "{}")).timeout(Duration.ofSeconds(1)).build());
    JobResult r = job.await();
    assertEquals(JobState.FAILED, r.state());
    assertTrue(r.failure().orElseThrow().contains("timed out"), r.failure().toString());
    assertTrue(r.duration().toSeconds() < 15, "stopped promptly: " + r.duration());
    long child = Long.parseLong(Files.readString(r.workDirectory().resolve("child.pid")).trim());
    assertFalse(running(child), "background child stopped");
  }

  @Test
  void cancelStopsTheJobAndItsChildren() throws Exception {
    Descriptor d = tool("sleep 30 & echo $! > child.pid; echo started; wait", null);
    Job job = executor.submit(JobRequest.builder(d, invocation(d, "{}")).build());
    List<String> lines = new CopyOnWriteArrayList<>();
    job.addListener(new JobListener() {
      @Override
      public void logLine(Job j, LogStream stream, String line) {
        lines.add(line);
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!lines.contains("started") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(job.cancel());
    JobResult r = job.await();
    assertEquals(JobState.CANCELLED, r.state());
    long child = Long.parseLong(Files.readString(r.workDirectory().resolve("child.pid")).trim());
    assertFalse(running(child), "child stopped");
    assertFalse(job.cancel(), "a finished job cannot be cancelled again");
  }

  /**
   * Whether a process still runs. A killed orphan can stay a zombie where PID 1 does not reap
   * (containers); a zombie runs nothing.
   */
  static boolean running(long pid) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      Path stat = Path.of("/proc/" + pid + "/stat");
      boolean alive;
      if (Files.exists(stat)) {
        String text = Files.readString(stat);
        char state = text.charAt(text.lastIndexOf(')') + 2);
        alive = state != 'Z' && state != 'X';
      } else {
        alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      }
      if (!alive || System.nanoTime() > deadline) {
        return alive;
      }
      Thread.sleep(50);
    }
  }

  @Test
  void listenersSeeStatesInOrderAndLines() throws Exception {
    Descriptor d = tool("echo one; echo two >&2", null);
    List<JobState> states = Collections.synchronizedList(new ArrayList<>());
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Job job = executor.submit(JobRequest.builder(d, invocation(d, "{}")).build());
    job.addListener(new JobListener() {
      @Override
      public void stateChanged(Job j, JobStatus status) {
        states.add(status.state());
      }

      @Override
      public void logLine(Job j, LogStream stream, String line) {
        lines.add(stream + ":" + line);
      }
    });
    JobResult r = job.await();
    assertEquals(JobState.SUCCEEDED, r.state());
    assertEquals(JobState.SUCCEEDED, states.get(states.size() - 1));
    assertTrue(lines.contains("STDOUT:one") && lines.contains("STDERR:two"), lines.toString());
    assertEquals("two\n", r.stderrTail());
  }

  @Test
  void aToolThatPrintsALotKeepsOnlyATailInMemory() throws Exception {
    Descriptor d = tool("head -c 20000000 /dev/zero | tr '\\\\0' 'x'; echo; echo end", null);
    JobResult r = run(d, "{}");
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertTrue(Files.size(r.stdoutFile()) > 20_000_000L);
    assertTrue(r.stdoutTail().length() <= 64 * 1024);
    assertTrue(r.stdoutTail().endsWith("end\n"));
  }

  @Test
  void concurrencyIsLimited() throws Exception {
    try (JobExecutor two = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve("two"))
        .maxConcurrentJobs(2).build())) {
      Path marks = Files.createDirectories(base.resolve("marks"));
      Descriptor d = tool("touch " + marks + "/start.$$; n=$(ls " + marks + " | grep -c start); echo $n;"
          + " sleep 0.5; rm " + marks + "/start.$$", null);
      List<Job> jobs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        jobs.add(two.submit(JobRequest.builder(d, invocation(d, "{}")).build()));
      }
      for (Job j : jobs) {
        JobResult r = j.await();
        assertEquals(JobState.SUCCEEDED, r.state());
        assertTrue(Integer.parseInt(r.stdoutTail().trim()) <= 2, "at most 2 at once: " + r.stdoutTail());
      }
    }
  }

  @Test
  void environmentVariablesComeFromTheDescriptor() throws Exception {
    Descriptor d = Fixtures.BOUTIQUES.load(Fixtures.descriptorJson("echo $GREETING $FIXED",
        "[{\"id\": \"text\", \"name\": \"text\", \"type\": \"String\", \"value-key\": \"[TEXT]\"}]", null, null)
        .with("environment-variables", Fixtures.json("{\"e\": [{\"name\": \"GREETING\", \"value\": \"[TEXT]\"},"
            + " {\"name\": \"FIXED\", \"value\": \"world\"}]}").members().get("e")), "t");
    JobResult r = executor.submit(JobRequest.builder(d, invocation(d, "{\"text\": \"hello\"}")).build()).await();
    assertEquals("hello world\n", r.stdoutTail());
  }

  @Test
  void unknownExecutorsSayWhichWereTried() {
    var e = assertThrows(org.vipboutiques.execution.ExecutorUnavailableException.class,
        () -> JobExecutors.create(ExecutorConfig.of("nope")));
    assertTrue(e.getMessage().contains("tried: local"), e.getMessage());
  }
}
