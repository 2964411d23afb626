package org.vipboutiques.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.InvalidDescriptorException;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.Attempt;
import org.vipboutiques.execution.FailureKind;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.JobStatus;
import org.vipboutiques.execution.LogStream;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.provenance.ProvenanceRecords;
import org.vipboutiques.retry.RetryPolicy;

/**
 * What every executor owes its callers, whatever it runs on: the tool's output whole, in order and
 * byte for byte (in the job folder's files, the result's tails and the listeners' lines), values
 * reaching the tool as given, its exit code and output files, each job of a batch its own, and a
 * cancel or a timeout that stops the tool. A back end's test class extends this and says how
 * to make its executor; the tests are the same for all, so no back end can quietly lose the end
 * of a log (as Docker's follow and the Slurm log reader once did).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class ExecutorContract {

  @TempDir
  protected Path base;

  protected JobExecutor executor;

  /** The executor under test, its jobs under {@code jobs}; skips (or fails, in CI) where its system is absent. */
  protected abstract JobExecutor create(Path jobs) throws Exception;

  /** A descriptor as this back end runs it: a back end that needs a container image adds it. */
  protected JsonObject forBackEnd(JsonObject descriptor) {
    return descriptor;
  }

  protected final Descriptor tool(String commandLine) {
    return tool(commandLine, null);
  }

  /**
   * A tool whose command line may use the optional inputs {@code text} ([TEXT]), {@code out}
   * ([OUT]) and the integer {@code code} ([CODE]), with outputs (JSON text of {@code output-files},
   * or null).
   */
  protected final Descriptor tool(String commandLine, String outputs) {
    return load(Fixtures.textToolJson(commandLine, outputs));
  }

  /** The JSON object {@code text} holds, for {@link #forBackEnd} to add to a descriptor. */
  protected static JsonObject json(String text) {
    return Fixtures.json(text);
  }

  protected final Descriptor load(JsonObject descriptor) {
    try {
      return Fixtures.BOUTIQUES.load(forBackEnd(descriptor), "contract");
    } catch (InvalidDescriptorException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /**
   * Whether this back end keeps a timeout of a few seconds to the second (Slurm keeps whole
   * minutes: its timeouts are tested on their own).
   */
  protected boolean keepsTimeoutsOfSeconds() {
    return true;
  }

  /** Releases what {@link #create} started, after the executor is closed. */
  protected void release() throws Exception {}

  @BeforeEach
  final void openExecutor() throws Exception {
    executor = create(base.resolve("jobs"));
  }

  @AfterEach
  final void closeExecutor() throws Exception {
    try {
      if (executor != null) {
        executor.close();
      }
    } finally {
      release();
    }
  }

  /** A request to run {@code d} with the invocation given as JSON text. */
  protected static JobRequest.Builder request(Descriptor d, String invocation) throws Exception {
    return JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, Fixtures.json(invocation)));
  }

  /** A listener that adds each line of stdout to {@code out} and of stderr to {@code err}. */
  static JobListener lines(List<String> out, List<String> err) {
    return new JobListener() {
      @Override
      public void logLine(Job job, LogStream stream, String line) {
        (stream == LogStream.STDERR ? err : out).add(line);
      }
    };
  }

  protected JobResult run(Descriptor d, String invocation, JobListener listener) throws Exception {
    Job job = executor.submit(request(d, invocation).build());
    if (listener != null) {
      job.addListener(listener);
    }
    return job.await();
  }

  static String read(Path file) throws Exception {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** Lines before and after a pause (so that a back end that polls reads the log twice), the last without newline. */
  @Test
  void stdoutAndStderrArriveWholeAndInOrder() throws Exception {
    JobResult r = run(tool("printf 'a\\nb\\n'; echo e1 >&2; sleep 2; echo c; echo e2 >&2; printf end"), "{}", null);
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("a\nb\nc\nend", r.stdoutTail());
    assertEquals("e1\ne2\n", r.stderrTail());
    assertEquals("a\nb\nc\nend", read(r.stdoutFile()));
    assertEquals("e1\ne2\n", read(r.stderrFile()));
  }

  @Test
  void aLargeOutputIsWholeInTheFileAndEndsTheTail() throws Exception {
    String expected = IntStream.rangeClosed(1, 30_000).mapToObj(Integer::toString)
        .collect(Collectors.joining("\n", "", "\n"));
    JobResult r = run(tool("seq 1 30000"), "{}", null);
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals(expected, read(r.stdoutFile()), "the whole output, byte for byte");
    String tail = r.stdoutTail();
    assertTrue(tail.length() >= 4096 && expected.endsWith(tail), "the tail is the end of the output: "
        + tail.length() + " characters");
  }

  /** Docker stores such a line as 16 KiB pieces; listeners get it cut at 16 KiB, the file whole. */
  @Test
  void aLineOfAHundredKilobytesIsWhole() throws Exception {
    List<String> out = new CopyOnWriteArrayList<>();
    List<String> err = new CopyOnWriteArrayList<>();
    JobResult r = run(tool("sleep 1; head -c 100000 /dev/zero | tr '\\0' x; echo; echo after"), "{}",
        lines(out, err));
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    String line = "x".repeat(100_000);
    assertEquals(line + "\nafter\n", read(r.stdoutFile()));
    assertTrue((line + "\nafter\n").endsWith(r.stdoutTail()) && r.stdoutTail().length() >= 4096,
        r.stdoutTail().length() + " characters");
    assertEquals(2, out.size(), "two lines heard");
    assertTrue(err.isEmpty(), err.toString());
    assertTrue(line.startsWith(out.get(0)) && out.get(0).length() >= 1024, out.get(0).length() + " characters");
    assertEquals("after", out.get(1));
  }

  @Test
  void valuesReachTheToolAsGiven() throws Exception {
    String value = "héllo ✓ $HOME `id` \"q\" 'a b' \\ ; | & > x";
    JobResult r = run(tool("printf '%s\\n' [TEXT]"), "{\"text\": " + JsonString.of(value).toJson() + "}", null);
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals(value + "\n", r.stdoutTail());
    assertFalse(Files.exists(r.workDirectory().resolve("x")), "nothing redirected");
  }

  /**
   * A value holding another input's value-key is never scanned again (the reference would put
   * b's value, unquoted, inside a's quotes), and metacharacters stay text: nothing is run.
   */
  @Test
  void valuesHoldingOtherValueKeysReachTheToolLiterally() throws Exception {
    String inputs = "[" + String.join(", ", List.of("a", "b", "c").stream().map(id -> "{\"id\": \"" + id
        + "\", \"name\": \"" + id + "\", \"type\": \"String\", \"value-key\": \"[" + id.toUpperCase() + "]\"}")
        .toList()) + "]";
    Descriptor d = load(Fixtures.descriptorJson("printf '<%s>\\n' [A] [B] [C]", inputs, null, null));
    List<String> values = List.of("x[B] [C]", ";touch${IFS}PWNED;[C]", "$(touch PWNED2)'[A]'\"`touch PWNED3`\" [B]");
    JobResult r = run(d, "{\"a\": " + JsonString.of(values.get(0)).toJson() + ", \"b\": "
        + JsonString.of(values.get(1)).toJson() + ", \"c\": " + JsonString.of(values.get(2)).toJson() + "}", null);
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals(values.stream().map(v -> "<" + v + ">\n").collect(Collectors.joining()), r.stdoutTail());
    for (String name : List.of("PWNED", "PWNED2", "PWNED3")) {
      assertFalse(Files.exists(r.workDirectory().resolve(name)), "a value ran as a command: " + name);
    }
  }

  /**
   * The library's own files are where no input can land: an input that would be placed at one
   * of their names is refused before anything runs, and the user's file is left as it was.
   */
  @Test
  void anInputNamedLikeTheLibrarysOwnFilesIsRefused() throws Exception {
    Path inputs = Files.createDirectories(base.resolve("inputs"));
    Path own = Files.writeString(inputs.resolve(".vipb-command.sh"), "the user's own");
    Descriptor d = load(Fixtures.descriptorJson("cat [IN]",
        "[{\"id\": \"in\", \"name\": \"in\", \"type\": \"File\", \"value-key\": \"[IN]\"}]", null, null));
    JobRequest request = request(d, "{\"in\": \".vipb-command.sh\"}").inputDirectory(inputs).build();
    JobRejectedException e = org.junit.jupiter.api.Assertions.assertThrows(JobRejectedException.class,
        () -> executor.submit(request));
    assertTrue(e.getMessage().contains("keeps for its own files"), e.getMessage());
    assertEquals("the user's own", read(own));
  }

  /** Submitted together (a Slurm array, a DIRAC bulk submission), each job keeps its own output and code. */
  @Test
  void jobsSubmittedTogetherKeepTheirOwnOutputAndCode() throws Exception {
    Descriptor d = tool("echo [TEXT]; sleep 1; echo [TEXT] >&2; exit [CODE]");
    List<JobRequest> requests = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      requests.add(request(d, "{\"text\": \"job-" + i + "\", \"code\": " + (i % 3) + "}").build());
    }
    List<Job> jobs = executor.submitAll(requests);
    assertEquals(6, jobs.size());
    for (int i = 0; i < 6; i++) {
      JobResult r = jobs.get(i).await();
      assertEquals(i % 3 == 0 ? JobState.SUCCEEDED : JobState.FAILED, r.state(), r.toString());
      assertEquals(i % 3, r.exitCode().orElseThrow(), r.toString());
      assertEquals("job-" + i + "\n", r.stdoutTail(), r.toString());
      assertEquals("job-" + i + "\n", r.stderrTail(), r.toString());
    }
  }

  /** The descriptor's environment-variables and the request's environment, literally. */
  @Test
  void environmentVariablesReachTheTool() throws Exception {
    JsonObject json = Fixtures.textToolJson("printf '%s|%s\\n' \"$MODE\" \"$GREETING\"", null).with(
        "environment-variables", Fixtures.json("{\"e\": [{\"name\": \"MODE\", \"value\": \"fast 'and' $x\"}]}")
            .members().get("e"));
    Descriptor d = load(json);
    JobResult r = executor.submit(request(d, "{}").environment("GREETING", "hé llo").build()).await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("fast 'and' $x|hé llo\n", r.stdoutTail());
  }

  @Test
  void theToolsExitCodeComesBack() throws Exception {
    JobResult r = run(tool("echo bye >&2; exit 3"), "{}", null);
    assertEquals(JobState.FAILED, r.state(), r.toString());
    assertEquals(3, r.exitCode().orElseThrow(), r.toString());
    assertEquals("bye\n", r.stderrTail());
  }

  @Test
  void outputFilesComeBackWithTheirContent() throws Exception {
    JobResult r = run(tool("printf 'made by %s' [TEXT] > [OUT]",
        "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]"),
        "{\"text\": \"the tool\", \"out\": \"result.txt\"}", null);
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("made by the tool", read(r.outputFile("result").orElseThrow()));
    assertTrue(r.missingOutputs().isEmpty(), r.missingOutputs().toString());
  }

  /** The tool is stopped, not just forgotten: soon after the cancel it no longer touches its file. */
  @Test
  void aCancelledJobEndsCancelledAndItsToolStops() throws Exception {
    Descriptor d = tool("echo started; while true; do touch alive; sleep 0.5; done");
    Job job = executor.submit(request(d, "{}").build());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (job.status().state() != JobState.RUNNING && !job.status().state().isFinal()
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(job.cancel(), job.status().toString());
    JobResult r = job.await();
    assertEquals(JobState.CANCELLED, r.state(), r.toString());
    // A scheduler may signal the tool a little after it reports the job cancelled (more so on a
    // loaded machine): the tool must stop, so its file must stop being touched, within 60 s.
    Path alive = r.workDirectory().resolve("alive");
    long stopBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    boolean stopped = false;
    while (!stopped && System.nanoTime() < stopBy) {
      Files.deleteIfExists(alive);
      Thread.sleep(2000);
      stopped = !Files.exists(alive);
    }
    assertTrue(stopped, "the tool went on after the cancel");
  }

  /** A tool that touches a file twice a second: once the job ended, nothing touches it any more. */
  @Test
  void aJobOverItsTimeoutFailsAndItsToolStops() throws Exception {
    assumeTrue(keepsTimeoutsOfSeconds(), "this back end keeps coarser time limits");
    Descriptor d = tool("while true; do touch alive; sleep 0.5; done");
    long start = System.nanoTime();
    JobResult r = executor.submit(request(d, "{}").timeout(Duration.ofSeconds(3)).build()).await();
    double took = (System.nanoTime() - start) / 1e9;
    assertEquals(JobState.FAILED, r.state(), r.toString());
    assertTrue(r.failure().orElseThrow().contains("timed out"), r.failure().toString());
    assertTrue(took < 60, "ended " + took + " s after submission");
    Path alive = r.workDirectory().resolve("alive");
    Files.deleteIfExists(alive);
    Thread.sleep(2000);
    assertFalse(Files.exists(alive), "the tool went on after its timeout");
  }

  @Test
  void listenersSeeEveryLineOfEachStreamInOrder() throws Exception {
    List<String> out = new CopyOnWriteArrayList<>();
    List<String> err = new CopyOnWriteArrayList<>();
    JobResult r = run(tool("sleep 2; echo one; echo two >&2; sleep 1; echo three; printf four"), "{}",
        lines(out, err));
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals(List.of("one", "three", "four"), out);
    assertEquals(List.of("two"), err);
  }

  /**
   * The job folder and the files the library writes there (environment values, the invocation,
   * logs, scripts) are the user's alone, whatever the umask: 0700 folders, no group or other bits
   * on any {@code .vipb-} file (issue 11, item 13).
   */
  @Test
  void theJobsOwnFilesAreItsUsersAlone() throws Exception {
    Descriptor d = tool("echo [TEXT] > result.txt; echo $VIPB_CONTRACT_SECRET", "[{\"id\": \"r\", \"name\": \"r\","
        + " \"path-template\": \"result.txt\"}]");
    JobResult r = executor.submit(request(d, "{\"text\": \"private\"}").environment("VIPB_CONTRACT_SECRET", "s3cret")
        .build()).await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("s3cret\n", r.stdoutTail(), "the environment value reached the tool");
    List<String> open = new java.util.ArrayList<>();
    String folderMode = PosixFilePermissions.toString(Files.getPosixFilePermissions(r.workDirectory()));
    if (!folderMode.equals("rwx------")) {
      open.add("the job folder " + folderMode);
    }
    try (var files = Files.walk(r.workDirectory())) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(".vipb-")).toList()) {
        if (Files.isSymbolicLink(f)) {
          continue;
        }
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS));
        if (!mode.endsWith("------")) {
          open.add(r.workDirectory().relativize(f) + " " + mode);
        }
      }
    }
    assertEquals(List.of(), open, "job files readable by others");
  }

  /**
   * Every event of a job, in order, for a listener given with the request: QUEUED first, RUNNING
   * before the first line (the tool prints at once, before a back end may have said it runs),
   * every line, the final state last and only once, all before the result completes, and never
   * two events at once. Forty jobs together, so a race that loses one line in a few tries shows.
   */
  @Test
  void aRequestListenerHearsEveryEventOfEveryJobInOrder() throws Exception {
    Descriptor d = tool("echo [TEXT]-first; echo [TEXT]-e >&2; i=0; while [ $i -lt 20 ]; do echo [TEXT]-$i;"
        + " i=$((i+1)); done; printf [TEXT]-last");
    int n = 40;
    List<EventLog> logs = new java.util.ArrayList<>();
    List<JobRequest> requests = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      EventLog log = new EventLog();
      logs.add(log);
      requests.add(request(d, "{\"text\": \"j" + i + "\"}").listener(log).build());
    }
    List<Job> jobs = executor.submitAll(requests);
    for (int i = 0; i < n; i++) {
      JobResult r = jobs.get(i).await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      List<String> expectedOut = new java.util.ArrayList<>();
      expectedOut.add("j" + i + "-first");
      for (int k = 0; k < 20; k++) {
        expectedOut.add("j" + i + "-" + k);
      }
      expectedOut.add("j" + i + "-last");
      logs.get(i).assertWhole(expectedOut, List.of("j" + i + "-e"), JobState.SUCCEEDED);
    }
  }

  /** A listener added after the end is told the whole story, as one given with the request was. */
  @Test
  void aListenerAddedLateIsToldWhatHappenedFirst() throws Exception {
    EventLog early = new EventLog();
    Job job = executor.submit(request(tool("echo one; echo two >&2; printf three"), "{}").listener(early).build());
    EventLog late = new EventLog();
    job.addListener(late);
    job.await();
    EventLog after = new EventLog();
    job.addListener(after);
    early.assertWhole(List.of("one", "three"), List.of("two"), JobState.SUCCEEDED);
    late.assertWhole(List.of("one", "three"), List.of("two"), JobState.SUCCEEDED);
    after.assertWhole(List.of("one", "three"), List.of("two"), JobState.SUCCEEDED);
    assertEquals(early.events, after.events);
  }

  // ---- The result cache in front of this back end (org.vipboutiques.cache, issue 13): the tool
  // writes a random nonce with its output, so an output with the first run's nonce was not remade.

  /** Copies [IN] after a random nonce into [OUT], after [PAUSE] seconds; exits [CODE]. */
  private Descriptor nonceTool() {
    return nonceTool(0);
  }

  /** The same, the pause's default being {@code pauseDefault}. */
  private Descriptor nonceTool(int pauseDefault) {
    return load(Fixtures.descriptorJson("sleep [PAUSE]; head -c 16 /dev/urandom | md5sum > [OUT]; cat [IN] >> [OUT];"
        + " echo done; exit [CODE]",
        "[{\"id\": \"in\", \"name\": \"in\", \"type\": \"File\", \"value-key\": \"[IN]\"},"
        + " {\"id\": \"out\", \"name\": \"out\", \"type\": \"String\", \"value-key\": \"[OUT]\"},"
        + " {\"id\": \"pause\", \"name\": \"p\", \"type\": \"Number\", \"value-key\": \"[PAUSE]\","
        + " \"optional\": true, \"default-value\": " + pauseDefault + "},"
        + " {\"id\": \"code\", \"name\": \"c\", \"type\": \"Number\", \"integer\": true, \"value-key\": \"[CODE]\","
        + " \"optional\": true, \"default-value\": 0}]", null,
        "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]"));
  }

  private JobRequest nonceRequest(Descriptor d, Path inputs, String more) throws Exception {
    return request(d, "{\"in\": \"in.txt\", \"out\": \"result.txt\"" + more + "}").inputDirectory(inputs).build();
  }

  private JobExecutor cached() {
    return org.vipboutiques.cache.ResultCache.in(base.resolve("cache")).wrap(executor, base.resolve("jobs"));
  }

  @Test
  void theResultCacheAnswersAnIdenticalJobAndMissesAChangedByte() throws Exception {
    Path inputs = Files.createDirectories(base.resolve("inputs"));
    Files.writeString(inputs.resolve("in.txt"), "alpha\n");
    JobExecutor cached = cached();
    Descriptor d = nonceTool();
    JobResult first = cached.submit(nonceRequest(d, inputs, "")).await();
    assertEquals(JobState.SUCCEEDED, first.state(), first.toString());
    assertFalse(first.cacheHit());
    String made = read(first.outputFile("result").orElseThrow());
    EventLog log = new EventLog();
    JobResult hit = cached.submit(nonceRequest(d, inputs, "").toBuilder().listener(log).build()).await();
    assertEquals(JobState.SUCCEEDED, hit.state(), hit.toString());
    assertTrue(hit.cacheHit(), hit.toString());
    assertFalse(hit.workDirectory().equals(first.workDirectory()));
    assertTrue(hit.outputFile("result").orElseThrow().startsWith(hit.workDirectory()));
    assertEquals(made, read(hit.outputFile("result").orElseThrow()), "the stored output, not a new run's");
    assertEquals("done\n", hit.stdoutTail());
    log.assertWhole(List.of("done"), List.of(), JobState.SUCCEEDED);
    Files.writeString(inputs.resolve("in.txt"), "alphb\n");
    JobResult changed = cached.submit(nonceRequest(d, inputs, "")).await();
    assertEquals(JobState.SUCCEEDED, changed.state(), changed.toString());
    assertFalse(changed.cacheHit());
    String remade = read(changed.outputFile("result").orElseThrow());
    assertTrue(remade.endsWith("alphb\n") && !remade.equals(made.replace("alpha", "alphb")), remade);
  }

  @Test
  void identicalJobsSubmittedTogetherThroughTheResultCacheRunOnce() throws Exception {
    Path inputs = Files.createDirectories(base.resolve("inputs"));
    Files.writeString(inputs.resolve("in.txt"), "alpha\n");
    JobExecutor cached = cached();
    Descriptor d = nonceTool();
    List<Job> jobs = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      jobs.add(cached.submit(nonceRequest(d, inputs, ", \"pause\": 2")));
    }
    java.util.Set<String> outputs = new java.util.HashSet<>();
    int runs = 0;
    for (Job j : jobs) {
      JobResult r = j.await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      outputs.add(read(r.outputFile("result").orElseThrow()));
      runs += r.cacheHit() ? 0 : 1;
    }
    assertEquals(1, runs, "runs of the tool");
    assertEquals(1, outputs.size(), "one nonce, so one run: " + outputs);
  }

  @Test
  void aFailedJobIsNeverCached() throws Exception {
    Path inputs = Files.createDirectories(base.resolve("inputs"));
    Files.writeString(inputs.resolve("in.txt"), "alpha\n");
    JobExecutor cached = cached();
    Descriptor d = nonceTool();
    for (int i = 0; i < 2; i++) {
      JobResult r = cached.submit(nonceRequest(d, inputs, ", \"code\": 3")).await();
      assertEquals(JobState.FAILED, r.state(), r.toString());
      assertEquals(3, r.exitCode().orElseThrow(), r.toString());
      assertFalse(r.cacheHit());
    }
  }

  // ---- Retries where the infrastructure fails (org.vipboutiques.retry, issue 13): a fault injected
  // into a job's first attempt by the back end's test class, the job succeeding on a later one.

  /**
   * Whether this back end's test class can make a running job fail as its infrastructure fails
   * ({@link #injectFault}); the retry test is skipped, saying so, where it cannot.
   */
  protected boolean injectsFaults() {
    return false;
  }

  /** Readies the fault before the job that gets it is submitted (a test grid told to stall its next job); by default nothing. */
  protected void prepareFault() throws Exception {}

  /**
   * Makes the first attempt of {@code job} fail as this back end's infrastructure fails (its node
   * lost, its container killed from outside, the grid job stalled), while its tool runs: the tool
   * first writes its shell's process id to {@code tool.pid} in the job folder ({@link #awaitFile}),
   * prints {@code started}, then sleeps 5 s. Called right after the job is submitted.
   */
  protected void injectFault(Job job) throws Exception {
    throw new UnsupportedOperationException("injectsFaults() is true but injectFault is not implemented");
  }

  /**
   * The policy the fault test runs under: three attempts, 1 s apart. A back end whose fault ends as
   * the tool's exit code (a process killed outright exits 137) lists the code.
   */
  protected RetryPolicy faultRetryPolicy() {
    return RetryPolicy.attempts(3).withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1);
  }

  /**
   * Kills outright, from outside, the process group of the process {@code pid} of this machine (a
   * tool's shell is not always its group's leader: a back end's wrapper shell may be), as the
   * kernel's OOM killer or an administrator would.
   */
  protected static void killProcessGroupOf(String pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", pid, "stat"));
    String group = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2];
    Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + group).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -KILL -- -" + group + " (the group of process " + pid + ")");
  }

  /** Waits up to {@code max} for {@code file} to exist and be non-empty; returns its content. */
  protected static String awaitFile(Path file, Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.isRegularFile(file) && Files.size(file) > 0) {
        return read(file).strip();
      }
      Thread.sleep(50);
    }
    throw new AssertionError(file + " did not appear within " + max);
  }

  /**
   * The fault hits the first attempt while the tool has half done its work; the job succeeds on
   * the second, which starts from a clean folder: the tool's output appended to is whole once, the
   * folder it makes is made once, its log holds one run. The listener hears the retry between the
   * two attempts, the second starting from QUEUED again, and one final state; the result and the
   * provenance record hold both attempts.
   */
  @Test
  void aJobWhoseInfrastructureFailsSucceedsOnALaterAttemptWithNothingDoneTwice() throws Exception {
    assumeTrue(injectsFaults(), executor.name() + ": this back end's test class injects no fault (injectsFaults)");
    prepareFault();
    Descriptor d = tool("echo $$ > tool.pid; echo started; mkdir made || exit 9; printf once >> [OUT]; sleep 5;"
        + " printf ' whole' >> [OUT]; echo done", "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]");
    EventLog log = new EventLog();
    RetryPolicy policy = faultRetryPolicy();
    Job job = executor.submit(request(d, "{\"out\": \"result.txt\"}").retryPolicy(policy).listener(log).build());
    injectFault(job);
    JobResult r = job.await();
    String all = String.join("\n", log.events);
    assertEquals(JobState.SUCCEEDED, r.state(), r + "\n" + r.attempts() + "\n" + all);
    assertEquals(2, r.attempts().size(), r.attempts().toString());
    Attempt first = r.attempts().get(0);
    assertEquals(JobState.FAILED, first.state(), first.toString());
    assertTrue(policy.retries(first), "the fault is one the policy retries: " + first);
    assertEquals(JobState.SUCCEEDED, r.attempts().get(1).state());
    assertFalse(first.jobId().equals(r.attempts().get(1).jobId()), "each attempt is a job of its own: " + r.attempts());
    assertEquals(r.jobId(), r.attempts().get(1).jobId());

    assertEquals("once whole", read(r.outputFile("result").orElseThrow()), "the output, made once");
    assertEquals("started\ndone\n", r.stdoutTail());
    assertEquals("started\ndone\n", read(r.stdoutFile()), "the log of the attempt that succeeded");

    int retry = log.events.indexOf("retry:1");
    assertTrue(retry > 0 && log.events.lastIndexOf("retry:1") == retry, "one retry event: " + all);
    assertEquals(1, log.events.stream().filter(e -> e.startsWith("retry:")).count(), all);
    assertEquals("state:QUEUED", log.events.get(0), all);
    List<String> before = log.events.subList(0, retry);
    List<String> after = log.events.subList(retry + 1, log.events.size());
    assertTrue(before.stream().noneMatch(e -> e.startsWith("state:") && JobState.valueOf(e.substring(6)).isFinal()),
        "no final state before the retry: " + all);
    assertTrue(List.of("out:started").containsAll(before.stream().filter(e -> !e.startsWith("state:")).toList()),
        "the first attempt's lines, if any came back, before the retry: " + all);
    assertEquals("state:QUEUED", after.get(0), "the next attempt starts queued: " + all);
    assertEquals(List.of("out:started", "out:done"), after.stream().filter(e -> e.startsWith("out:")).toList(), all);
    int firstLine = after.indexOf("out:started");
    assertTrue(after.subList(0, firstLine).contains("state:RUNNING"), "RUNNING before the first line: " + all);
    assertEquals("state:SUCCEEDED", log.events.get(log.events.size() - 1), all);
    assertEquals(1, log.events.stream().filter(e -> e.startsWith("state:") && JobState.valueOf(e.substring(6))
        .isFinal()).count(), all);
    assertFalse(all.contains("overlap:"), all);

    Path record = ProvenanceRecords.recordOf(r.workDirectory()).orElseThrow(() -> new AssertionError("no record"));
    JsonObject execution = org.vipboutiques.json.JsonParser.withDefaults().parseObject(record).object(ProvenanceRecords.EXECUTION_KEY)
        .orElseThrow();
    List<String> states = execution.array("attempts").orElseThrow().items().stream()
        .map(a -> ((JsonObject) a).string("state").orElseThrow()).toList();
    assertEquals(List.of("FAILED", "SUCCEEDED"), states, execution.toString());
  }

  /**
   * The tool's own failure is not the infrastructure's: an exit code the policy does not list
   * runs once; one it lists runs again, each attempt from a clean folder.
   */
  @Test
  void aToolsExitCodeIsRetriedOnlyWhenThePolicyListsIt() throws Exception {
    Descriptor d = tool("echo try; mkdir made || exit 9; exit [CODE]");
    RetryPolicy policy = RetryPolicy.attempts(2).withBackoff(Duration.ZERO, Duration.ZERO, 1).withRetryableExitCodes(4);
    EventLog once = new EventLog();
    JobResult r = executor.submit(request(d, "{\"code\": 3}").retryPolicy(policy).listener(once).build()).await();
    assertEquals(JobState.FAILED, r.state(), r.toString());
    assertEquals(3, r.exitCode().orElseThrow(), r.toString());
    assertEquals(FailureKind.TOOL, r.failureKind(), r.toString());
    assertEquals(1, r.attempts().size(), r.attempts().toString());
    assertTrue(once.events.stream().noneMatch(e -> e.startsWith("retry:")), once.events.toString());

    EventLog twice = new EventLog();
    JobResult listed = executor.submit(request(d, "{\"code\": 4}").retryPolicy(policy).listener(twice).build())
        .await();
    assertEquals(JobState.FAILED, listed.state(), listed.toString());
    assertEquals(4, listed.exitCode().orElseThrow(), "not 9: the second attempt found no folder made by the first; "
        + listed);
    assertEquals(2, listed.attempts().size(), listed.attempts().toString());
    assertEquals(List.of(4, 4), listed.attempts().stream().map(a -> a.exitCode().orElseThrow()).toList());
    assertEquals("try\n", listed.stdoutTail());
    assertEquals(1, twice.events.stream().filter(e -> e.startsWith("retry:")).count(), twice.events.toString());
    assertEquals("state:FAILED", twice.events.get(twice.events.size() - 1), twice.events.toString());
  }

  @Test
  void aChangedDefaultOrImageDigestMisses() throws Exception {
    Path inputs = Files.createDirectories(base.resolve("inputs"));
    Files.writeString(inputs.resolve("in.txt"), "alpha\n");
    JobExecutor cached = cached();
    Descriptor d = nonceTool();
    JobResult first = cached.submit(nonceRequest(d, inputs, "")).await();
    assertEquals(JobState.SUCCEEDED, first.state(), first.toString());
    assertTrue(cached.submit(nonceRequest(d, inputs, "")).await().cacheHit(), "the same job again");
    // The same invocation; the default of the pause it leaves out is 1 s instead of 0.
    Descriptor otherDefault = nonceTool(1);
    JobResult changedDefault = cached.submit(nonceRequest(otherDefault, inputs, "")).await();
    assertEquals(JobState.SUCCEEDED, changedDefault.state(), changedDefault.toString());
    assertFalse(changedDefault.cacheHit(), "a changed default misses");
    JobRequest digest = nonceRequest(d, inputs, "").toBuilder()
        .option(org.vipboutiques.cache.ResultCache.IMAGE_DIGEST_OPTION, "sha256:" + "1".repeat(64)).build();
    JobResult changedImage = cached.submit(digest).await();
    assertEquals(JobState.SUCCEEDED, changedImage.state(), changedImage.toString());
    assertFalse(changedImage.cacheHit(), "another image digest misses");
    assertTrue(cached.submit(digest).await().cacheHit(), "that image's run is stored in its turn");
  }

  @Test
  void theResultCacheSendsTheMissesOfABatchToTheBackEndTogether() throws Exception {
    Path inputs = Files.createDirectories(base.resolve("inputs"));
    for (String n : List.of("a", "b", "c")) {
      Files.writeString(inputs.resolve(n + ".txt"), n + "\n");
    }
    Descriptor d = nonceTool();
    java.util.function.Function<String, JobRequest> req = name -> {
      try {
        return request(d, "{\"in\": \"" + name + ".txt\", \"out\": \"result.txt\"}").inputDirectory(inputs)
            .build();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };
    List<List<String>> batches = new CopyOnWriteArrayList<>();
    JobExecutor counted = new JobExecutor() {
      @Override
      public String name() {
        return executor.name();
      }

      @Override
      public Job submit(JobRequest request) throws JobRejectedException {
        batches.add(List.of(request.invocation().toJson().toJson()));
        return executor.submit(request);
      }

      @Override
      public List<Job> submitAll(List<JobRequest> requests) throws JobRejectedException {
        batches.add(requests.stream().map(r -> r.invocation().toJson().toJson()).toList());
        return executor.submitAll(requests);
      }

      @Override
      public void close() {}
    };
    JobExecutor cached = org.vipboutiques.cache.ResultCache.in(base.resolve("cache")).wrap(counted,
        base.resolve("jobs"));
    JobResult a = cached.submit(req.apply("a")).await();
    assertEquals(JobState.SUCCEEDED, a.state(), a.toString());
    batches.clear();
    List<Job> jobs = cached.submitAll(List.of(req.apply("b"), req.apply("a"), req.apply("c"), req.apply("b")));
    List<JobResult> results = new java.util.ArrayList<>();
    for (Job j : jobs) {
      results.add(j.await());
    }
    for (JobResult r : results) {
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    }
    assertEquals(1, batches.size(), "one submission to the back end: " + batches);
    assertEquals(2, batches.get(0).size(), "b and c, once each: " + batches);
    assertEquals(List.of(false, true, false, true), results.stream().map(JobResult::cacheHit).toList());
    assertEquals(read(a.outputFile("result").orElseThrow()), read(results.get(1).outputFile("result").orElseThrow()));
    assertEquals(read(results.get(0).outputFile("result").orElseThrow()),
        read(results.get(3).outputFile("result").orElseThrow()), "the second b is the first b's run");
    assertTrue(read(results.get(2).outputFile("result").orElseThrow()).endsWith("c\n"));
  }

  /** What a listener was told, as {@code state:QUEUED}, {@code out:text}, {@code err:text}; checks one at a time. */
  static final class EventLog implements JobListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean inside = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void stateChanged(Job job, JobStatus status) {
      add("state:" + status.state());
    }

    @Override
    public void logLine(Job job, LogStream stream, String line) {
      add((stream == LogStream.STDERR ? "err:" : "out:") + line);
    }

    @Override
    public void retrying(Job job, Attempt failed, Duration delay) {
      add("retry:" + failed.number());
    }

    private void add(String event) {
      if (!inside.compareAndSet(false, true)) {
        events.add("overlap:" + event);
      }
      events.add(event);
      inside.set(false);
    }

    void assertWhole(List<String> out, List<String> err, JobState end) {
      String all = String.join("\n", events);
      assertEquals("state:QUEUED", events.get(0), all);
      assertEquals("state:" + end, events.get(events.size() - 1), all);
      assertEquals(1, events.stream().filter(e -> e.startsWith("state:") && JobState.valueOf(e.substring(6))
          .isFinal()).count(), all);
      assertFalse(all.contains("overlap:"), all);
      int firstLine = IntStream.range(0, events.size()).filter(k -> !events.get(k).startsWith("state:")).findFirst()
          .orElseThrow(() -> new AssertionError("no line: " + all));
      assertTrue(events.subList(0, firstLine).contains("state:RUNNING"), "RUNNING before the first line: " + all);
      assertEquals(out, events.stream().filter(e -> e.startsWith("out:")).map(e -> e.substring(4)).toList(), all);
      assertEquals(err, events.stream().filter(e -> e.startsWith("err:")).map(e -> e.substring(4)).toList(), all);
    }
  }
}
