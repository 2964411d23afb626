package org.vipboutiques.dirac.testgrid;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.vipboutiques.dirac.jdl.JdlException;
import org.vipboutiques.dirac.jdl.JdlParser;
import org.vipboutiques.dirac.jdl.ParsedJdl;
import org.vipboutiques.dirac.monitor.DiracState;
import org.vipboutiques.dirac.wrapper.SandboxArchive;

/**
 * A DIRAC-compatible test grid, following {@code dirac.md}: an HTTP server with DiracX's
 * endpoints (device-flow and refresh tokens, JDL submission, search with 206/416 pagination,
 * status patches, sandboxes with a presigned upload), DIRAC's job state machine (every change
 * checked against the transition table), and a worker that really runs each job's wrapper in a
 * scratch folder, with fake {@code dirac-dms-*} commands backed by a local storage-element
 * folder. Fake {@code dirac-wms-*} executables ({@link #envScript()} puts them on PATH) print
 * the documented formats. Faults on demand: 503s, slow and dropped connections, expired
 * tokens, stalled, rescheduled and failed jobs.
 */
public final class TestGrid implements AutoCloseable {

  public static final String USER = "jdoe";
  public static final String SE_NAME = "TEST-SE";
  static final String PREFIX = "/S3/sandboxes/biomed/biomed_user/" + USER + "/";
  private static final List<String> COLUMNS = List.of("JobID", "JobType", "JobGroup", "Site", "JobName", "Owner",
      "OwnerGroup", "VO", "SubmissionTime", "Status", "MinorStatus", "ApplicationStatus", "RescheduleCounter");

  /** Options of a grid. */
  public static final class Options {
    boolean realWorker = true;
    int workers = 2;
    long stepMillis = 20;
    long simulatedRunMillis = 100;
    long stallMillis = 600;
    int retryAfterSeconds = 10;
    long accessLifetimeSeconds = 1200;
    boolean fakeDocker;
    int httpThreads = 4;
    String workerShell = "dash";
    boolean busyboxTar;

    /**
     * The shell the worker runs the wrapper with ({@code dash}, as Debian and EL nodes' /bin/sh
     * are POSIX shells, or {@code bash}), named explicitly: the script's #! line is not trusted.
     */
    public Options workerShell(String shell) {
      this.workerShell = shell;
      return this;
    }

    /** The worker's {@code tar} is busybox's (a {@code tar} that execs {@code busybox tar} first on PATH). */
    public Options busyboxTar() {
      this.busyboxTar = true;
      return this;
    }

    public Options simulated(long runMillis) {
      this.realWorker = false;
      this.simulatedRunMillis = runMillis;
      return this;
    }

    public Options workers(int n) {
      this.workers = n;
      return this;
    }

    public Options step(long millis) {
      this.stepMillis = millis;
      return this;
    }

    public Options retryAfter(int seconds) {
      this.retryAfterSeconds = seconds;
      return this;
    }

    public Options accessLifetime(long seconds) {
      this.accessLifetimeSeconds = seconds;
      return this;
    }

    public Options fakeDocker() {
      this.fakeDocker = true;
      return this;
    }

    public Options stall(long millis) {
      this.stallMillis = millis;
      return this;
    }

    public Options httpThreads(int n) {
      this.httpThreads = n;
      return this;
    }
  }

  static {
    // As uvicorn does: without TCP_NODELAY, Nagle and delayed ACKs add 40 ms to small answers.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final Options options;
  private final Path root;
  private final Path se;
  private final Path workerBin;
  private final Path clientBin;
  private final HttpServer server;
  private final ExecutorService httpPool;
  private final ScheduledExecutorService engine;
  private final ExecutorService workerPool;
  private final String url;
  final Map<Long, GridJob> jobs = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(1000);
  private final Map<String, AtomicInteger> submissionsByName = new ConcurrentHashMap<>();
  private final Map<String, byte[]> sandboxes = new ConcurrentHashMap<>();
  private final Map<String, Long> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, long[]> refreshTokens = new ConcurrentHashMap<>();
  private final Map<String, int[]> deviceCodes = new ConcurrentHashMap<>();
  private final Deque<Behaviour> nextBehaviours = new ArrayDeque<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger fail503 = new AtomicInteger();
  private final AtomicInteger dropBefore = new AtomicInteger();
  private final AtomicInteger dropAfter = new AtomicInteger();
  private final AtomicInteger slow = new AtomicInteger();
  private final AtomicInteger slowProcessing = new AtomicInteger();
  private volatile boolean damageShippedInputs;
  private volatile long slowMillis;
  private volatile String faultPath = "/api/";
  private final AtomicInteger cliSubmitErrors = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger refreshes = new AtomicInteger();

  private TestGrid(Path root, Options options) throws IOException {
    this.options = options;
    this.root = root.toAbsolutePath();
    this.se = this.root.resolve("se");
    this.workerBin = this.root.resolve("worker-bin");
    this.clientBin = this.root.resolve("client-bin");
    Files.createDirectories(se);
    Files.createDirectories(workerBin);
    Files.createDirectories(clientBin);
    this.httpPool = Executors.newFixedThreadPool(options.httpThreads, daemon("testgrid-http"));
    this.engine = Executors.newSingleThreadScheduledExecutor(daemon("testgrid-engine"));
    this.workerPool = Executors.newCachedThreadPool(daemon("testgrid-worker"));
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(httpPool);
    server.createContext("/", this::handle);
    server.start();
    this.url = "http://127.0.0.1:" + server.getAddress().getPort();
    writeCommands();
    // Other users' jobs: they show up in unfiltered searches (GlobalJobsInfo).
    for (int i = 0; i < 3; i++) {
      long id = ids.incrementAndGet();
      jobs.put(id, new GridJob(id, "someoneelse", parse("[JobName = \"foreign" + i + "\"; Executable = \"x\";]"),
          Behaviour.NORMAL, DiracState.DONE, "Execution Complete"));
    }
    engine.scheduleWithFixedDelay(this::tick, options.stepMillis, Math.max(5, options.stepMillis / 2),
        TimeUnit.MILLISECONDS);
  }

  public static TestGrid start(Path root) throws IOException {
    return new TestGrid(root, new Options());
  }

  public static TestGrid start(Path root, Options options) throws IOException {
    return new TestGrid(root, options);
  }

  public static Options options() {
    return new Options();
  }

  public String url() {
    return url;
  }

  /** The storage element's folder: LFN {@code /a/b} is {@code se()/a/b}. */
  public Path se() {
    return se;
  }

  /** A DIRAC environment script that puts the fake {@code dirac-wms-*} commands on PATH. */
  public Path envScript() {
    return root.resolve("diracosrc");
  }

  /** Writes a credentials file as {@code dirac login} would, with fresh tokens. */
  public Path credentials(Path file) throws IOException {
    String[] t = issue(System.currentTimeMillis() + 3_600_000);
    JsonObject o = new JsonObject();
    o.addProperty("access_token", t[0]);
    o.addProperty("refresh_token", t[1]);
    o.addProperty("expires_on", System.currentTimeMillis() / 1000 + options.accessLifetimeSeconds - 15);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, o.toString());
    return file;
  }

  // --- faults ------------------------------------------------------------------------------------

  /** The next {@code n} API requests answer 503 with {@code Retry-After}. */
  public void fail503(int n) {
    fail503.set(n);
  }

  /** The next {@code n} requests under {@code path} lose their connection before being processed. */
  public void dropBefore(int n, String path) {
    faultPath = path;
    dropBefore.set(n);
  }

  /** The next {@code n} requests under {@code path} are processed, then lose their connection. */
  public void dropAfter(int n, String path) {
    faultPath = path;
    dropAfter.set(n);
  }

  /** The next {@code n} API requests are processed, then answered after {@code millis}. */
  public void slow(int n, long millis) {
    slowMillis = millis;
    slow.set(n);
  }

  /**
   * The next {@code n} requests under {@code path} wait {@code millis} before they are processed
   * (a busy service): a client that gives up and looks at once finds nothing yet.
   */
  public void slowProcessing(int n, String path, long millis) {
    faultPath = path;
    slowMillis = millis;
    slowProcessing.set(n);
  }

  /** From now on, the content of shipped inputs reaches the workers damaged (a bad transfer). */
  public void damageShippedInputs() {
    damageShippedInputs = true;
  }

  /** Every access token issued so far is now expired ("Invalid JWT"). */
  public void expireAccessTokens() {
    accessTokens.replaceAll((k, v) -> 0L);
  }

  /** The next jobs created behave so, in order. */
  public synchronized void behaviours(Behaviour... next) {
    nextBehaviours.addAll(List.of(next));
  }

  /** The next {@code n} JDL files given to the fake {@code dirac-wms-job-submit} are refused. */
  public void refuseCliSubmissions(int n) {
    cliSubmitErrors.set(n);
  }

  // --- inspection --------------------------------------------------------------------------------

  public List<GridJob> jobs() {
    return jobs.values().stream().filter(j -> j.owner.equals(USER)).sorted(Comparator.comparingLong(j -> j.id)).toList();
  }

  public GridJob job(long id) {
    return jobs.get(id);
  }

  /** JobNames submitted more than once. */
  /** The input sandboxes of the jobs so far: how many, and their bytes in all (as uploaded, compressed). */
  public long[] inputSandboxTotals() {
    java.util.Set<String> pfns = new java.util.HashSet<>();
    for (GridJob j : jobs.values()) {
      j.inputPfns.forEach(p -> pfns.add(shortPfn(p)));
    }
    return new long[] {pfns.size(), pfns.stream().map(sandboxes::get).filter(b -> b != null).mapToLong(b -> b.length)
        .sum()};
  }

  /** The archive of job {@code id}'s first {@code SB:} input sandbox, as uploaded. */
  public Optional<byte[]> inputSandbox(long id) {
    GridJob j = jobs.get(id);
    return j == null || j.inputPfns.isEmpty() ? Optional.empty() : Optional.ofNullable(sandbox(j.inputPfns.get(0)));
  }

  public Map<String, Integer> duplicates() {
    Map<String, Integer> out = new LinkedHashMap<>();
    submissionsByName.forEach((k, v) -> {
      if (v.get() > 1) {
        out.put(k, v.get());
      }
    });
    return out;
  }

  /** Transitions the table forbids that the grid was asked to make (should stay empty). */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  public long requests() {
    return requests.get();
  }

  public int refreshes() {
    return refreshes.get();
  }

  // --- the state machine ---------------------------------------------------------------------------

  private synchronized Behaviour nextBehaviour() {
    Behaviour b = nextBehaviours.poll();
    return b == null ? Behaviour.NORMAL : b;
  }

  void move(GridJob j, DiracState next, String minor, boolean force) {
    synchronized (j) {
      if (j.status == next && minor.equals(j.minor)) {
        return;
      }
      if (j.status != next && !j.status.canMoveTo(next)) {
        if (!force) {
          violations.add("job " + j.id + ": " + j.status + " -> " + next);
          return;
        }
      }
      j.status = next;
      j.minor = minor;
      j.since = System.currentTimeMillis();
      j.lastRecord = j.since;
      j.history.add(next + " / " + minor);
    }
  }

  private void tick() {
    try {
      long now = System.currentTimeMillis();
      for (GridJob j : jobs.values()) {
        if (!j.owner.equals(USER)) {
          continue;
        }
        long age = now - j.since;
        switch (j.status) {
          case RECEIVED -> {
            if (age >= options.stepMillis) {
              move(j, DiracState.CHECKING, "JobSanity", false);
            }
          }
          case CHECKING -> {
            if (age >= options.stepMillis) {
              if (j.behaviour == Behaviour.FAIL_BEFORE_RUNNING) {
                move(j, DiracState.FAILED, "Input Data Not Available", false);
              } else {
                move(j, DiracState.WAITING, "Pilot Agent Submission", false);
              }
            }
          }
          case WAITING -> {
            if (age >= options.stepMillis && (!options.realWorker || running.get() < options.workers)) {
              if (options.realWorker) {
                running.incrementAndGet();
              }
              j.site = "VIPB.Test.fr";
              move(j, DiracState.MATCHED, "Assigned", false);
            }
          }
          case MATCHED -> {
            if (age >= options.stepMillis) {
              move(j, DiracState.RUNNING, "Job Initialization", false);
              j.application = "Unknown";
              if (options.realWorker && !j.running) {
                j.running = true;
                workerPool.execute(() -> runReal(j));
              }
            }
          }
          case RUNNING -> running(j, now, age);
          case STALLED -> {
            if (j.behaviour == Behaviour.STALL_THEN_FAIL && age >= options.stallMillis) {
              kill(j);
              move(j, DiracState.FAILED, "Watchdog identified this job as stalled", false);
              release(j);
            } else if (j.behaviour == Behaviour.STALL_THEN_RUN && age >= options.stallMillis) {
              j.stallDone = true;
              move(j, DiracState.RUNNING, "Application", false);
            }
          }
          case COMPLETING -> {
            if (age >= options.stepMillis) {
              if (j.exitCode == 0) {
                move(j, DiracState.DONE, "Execution Complete", false);
              } else {
                move(j, DiracState.FAILED, "Application Finished With Errors", false);
              }
              release(j);
            }
          }
          case RESCHEDULED -> {
            if (age >= options.stepMillis) {
              move(j, DiracState.WAITING, "Pilot Agent Submission", false);
            }
          }
          default -> { }
        }
      }
    } catch (RuntimeException e) {
      violations.add("engine failure: " + e);
    }
  }

  private void running(GridJob j, long now, long age) {
    boolean stall = j.behaviour == Behaviour.STALL_THEN_RUN && !j.stallDone
        || j.behaviour == Behaviour.STALL_THEN_FAIL;
    if (stall && age >= options.stepMillis) {
      move(j, DiracState.STALLED, "Watchdog identified this job as stalled", false);
      return;
    }
    if (j.behaviour == Behaviour.RESCHEDULE_ONCE && !j.rescheduled && age >= options.stepMillis) {
      j.rescheduled = true;
      j.attempt++;
      move(j, DiracState.RESCHEDULED, "Job Rescheduled", false);
      kill(j);
      waitExited(j);
      j.exited = false;
      j.outputPfn = null;
      release(j);
      return;
    }
    if (stall || j.behaviour == Behaviour.RESCHEDULE_ONCE && !j.rescheduled) {
      return;
    }
    if (!options.realWorker && age >= options.simulatedRunMillis && j.outputPfn == null) {
      j.outputPfn = simulatedOutput(j);
      j.exitCode = 0;
      j.exited = true;
    }
    if (j.exited && j.outputPfn != null) {
      j.application = j.exitCode == 0 ? "Application Finished Successfully" : "Application Finished With Errors";
      move(j, DiracState.COMPLETING, "Output Sandbox Uploaded", false);
    } else if (options.realWorker && "Job Initialization".equals(j.minor) && age >= options.stepMillis) {
      move(j, DiracState.RUNNING, "Application", false);
    }
  }

  private void release(GridJob j) {
    if (options.realWorker && j.running) {
      j.running = false;
      running.decrementAndGet();
    }
  }

  private static void waitExited(GridJob j) {
    Process p = j.process;
    if (p != null) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void kill(GridJob j) {
    Process p = j.process;
    if (p != null) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private String simulatedOutput(GridJob j) {
    String summary = "{\"key\": \"" + j.name + "\", \"class\": \"ok\", \"wrapperExit\": 0, \"toolExit\": 0,"
        + " \"timedOut\": false, \"runtime\": \"host\", \"host\": \"sim\", \"message\": \"\", \"inputs\": [],"
        + " \"outputs\": []}\n";
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("std.out", ("simulated " + j.name + "\n").getBytes(StandardCharsets.UTF_8));
    files.put("std.err", new byte[0]);
    files.put("vipb-summary.json", summary.getBytes(StandardCharsets.UTF_8));
    return store(SandboxArchive.archive(files, "tar.zst"), "tar.zst");
  }

  private void runReal(GridJob j) {
    int attempt = j.attempt;
    Path work = root.resolve("work").resolve(j.id + "-" + System.nanoTime());
    try {
      Files.createDirectories(work);
      for (String pfn : j.inputPfns) {
        byte[] sb = sandboxes.get(shortPfn(pfn));
        if (sb == null) {
          throw new IOException("input sandbox " + pfn + " is not in the store");
        }
        SandboxArchive.extract(new ByteArrayInputStream(sb), SandboxArchive.formatOf(pfn), work);
      }
      if (damageShippedInputs && Files.exists(work.resolve("vipb-jobs.tar"))) {
        // The wrapper uses a content already unpacked at vipb/inputs/<sha256> as it finds it.
        Path unpacked = Files.createDirectories(root.resolve("damaged").resolve(j.id + "-" + System.nanoTime()));
        try (var in = Files.newInputStream(work.resolve("vipb-jobs.tar"))) {
          SandboxArchive.extract(in, "tar", unpacked);
        }
        Path inputs = unpacked.resolve("vipb/inputs");
        if (Files.isDirectory(inputs)) {
          try (var contents = Files.list(inputs)) {
            for (Path c : contents.toList()) {
              Files.createDirectories(work.resolve("vipb/inputs"));
              Files.writeString(work.resolve("vipb/inputs").resolve(c.getFileName()), "damaged in transit");
            }
          }
        }
      }
      String exe = j.jdl.string("Executable").orElse("");
      Path local = work.resolve(exe);
      String command = Files.exists(local) ? options.workerShell + " " + local : exe;
      local.toFile().setExecutable(true, false);
      String args = j.jdl.string("Arguments").orElse("");
      ProcessBuilder pb = new ProcessBuilder(options.workerShell, "-c", command + (args.isEmpty() ? "" : " " + args))
          .directory(work.toFile())
          .redirectOutput(work.resolve(j.jdl.string("StdOutput").orElse("std.out")).toFile())
          .redirectError(work.resolve(j.jdl.string("StdError").orElse("std.err")).toFile());
      Map<String, String> env = pb.environment();
      String path = (options.busyboxTar ? root.resolve("busybox-bin") + ":" : "") + workerBin
          + (options.fakeDocker ? ":" + root.resolve("docker-bin") : "") + ":" + env.get("PATH");
      env.put("PATH", path);
      env.put("VIPB_TESTGRID_SE", se.toString());
      env.put("VIPB_TESTGRID_SE_NAME", SE_NAME);
      env.put("VIPB_TESTGRID_ROOT", root.toString());
      synchronized (j) {
        if (j.status.isFinal()) {
          return;
        }
        j.process = pb.start();
      }
      int code = j.process.waitFor();
      if (j.status.isFinal() || j.attempt != attempt) {
        return;
      }
      Map<String, byte[]> out = new LinkedHashMap<>();
      for (String name : j.jdl.list("OutputSandbox")) {
        Path f = work.resolve(name);
        if (Files.isRegularFile(f)) {
          out.put(name, Files.readAllBytes(f));
        }
      }
      j.outputPfn = store(SandboxArchive.archive(out, "tar.bz2"), "tar.bz2");
      j.exitCode = code;
      j.exited = true;
    } catch (IOException e) {
      j.exitCode = 1;
      j.outputPfn = null;
      move(j, DiracState.FAILED, "Input Sandbox Download: " + e.getMessage(), false);
      release(j);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String store(byte[] archive, String format) {
    String hex = SandboxArchive.sha256(archive);
    String path = PREFIX + "sha256:" + hex + "." + format;
    sandboxes.put(path, archive);
    return "SB:SandboxSE|" + path;
  }

  static String shortPfn(String pfn) {
    int bar = pfn.indexOf('|');
    return bar >= 0 ? pfn.substring(bar + 1) : pfn;
  }

  static ParsedJdl parse(String text) {
    try {
      return JdlParser.parse(text);
    } catch (JdlException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  // --- HTTP ------------------------------------------------------------------------------------------

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    inFlight.incrementAndGet();
    String path = ex.getRequestURI().getPath();
    try {
      if (path.startsWith(faultPath) && dropBefore.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        drop(ex);
        return;
      }
      if (path.startsWith("/api/") && fail503.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        ex.getResponseHeaders().add("Retry-After", Integer.toString(options.retryAfterSeconds));
        send(ex, 503, detail("Database unavailable"));
        return;
      }
      if (path.startsWith(faultPath) && slowProcessing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        Thread.sleep(slowMillis);
      }
      Reply r = route(ex, path);
      if (path.startsWith(faultPath) && dropAfter.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        drop(ex);
        return;
      }
      if (path.startsWith("/api/") && slow.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        Thread.sleep(slowMillis);
      }
      r.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      send(ex, r.status, r.body);
    } catch (RuntimeException | InterruptedException e) {
      send(ex, 500, detail("test grid failure: " + e));
    } finally {
      ex.close();
      inFlight.decrementAndGet();
    }
  }

  /** Waits until no HTTP request is being handled (a slow one may still act after its client gave up). */
  public void awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight.get() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(inFlight.get() + " requests still in flight after " + timeout);
      }
      Thread.sleep(20);
    }
  }

  private static void drop(HttpExchange ex) {
    // Headers promise a body that never comes: the client sees the connection end mid-answer.
    try {
      ex.sendResponseHeaders(200, 1000);
      ex.getResponseBody().write("[".getBytes(StandardCharsets.UTF_8));
      ex.getResponseBody().flush();
    } catch (IOException e) {
      // already gone
    }
    ex.close();
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
    if (body == null || body.length == 0) {
      ex.sendResponseHeaders(status, -1);
    } else {
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private record Reply(int status, byte[] body, Map<String, String> headers) {
    static Reply json(int status, JsonElement e) {
      return new Reply(status, e.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Reply of(int status, byte[] body) {
      return new Reply(status, body, Map.of());
    }
  }

  private static byte[] detail(String text) {
    JsonObject o = new JsonObject();
    o.addProperty("detail", text);
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }

  private Reply route(HttpExchange ex, String path) throws IOException {
    String method = ex.getRequestMethod();
    byte[] body = ex.getRequestBody().readAllBytes();
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    if (path.equals("/.well-known/openid-configuration")) {
      JsonObject o = new JsonObject();
      o.addProperty("issuer", url);
      o.addProperty("token_endpoint", url + "/api/auth/token");
      o.addProperty("device_authorization_endpoint", url + "/api/auth/device");
      JsonArray grants = new JsonArray();
      grants.add("urn:ietf:params:oauth:grant-type:device_code");
      grants.add("authorization_code");
      o.add("grant_types_supported", grants);
      return Reply.json(200, o);
    }
    if (path.equals("/api/auth/device") && method.equals("POST")) {
      return device(query);
    }
    if (path.equals("/api/auth/token") && method.equals("POST")) {
      return token(query(new String(body, StandardCharsets.UTF_8)));
    }
    if (path.equals("/s3/upload") && method.equals("POST")) {
      return upload(ex, body);
    }
    if (path.equals("/s3/get") && method.equals("GET")) {
      byte[] data = sandboxes.get(query.getOrDefault("key", ""));
      return data == null ? Reply.of(404, detail("NoSuchKey")) : new Reply(200, data, Map.of());
    }
    if (path.equals("/testgrid/cli") && method.equals("POST")) {
      return Reply.json(200, FakeCli.run(this, JsonParser.parseString(new String(body, StandardCharsets.UTF_8))
          .getAsJsonObject()));
    }
    if (!path.startsWith("/api/jobs")) {
      return Reply.of(404, detail("Not Found"));
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      return new Reply(401, detail("Authorization header is missing"), Map.of("WWW-Authenticate", "Bearer"));
    }
    if (!auth.startsWith("Bearer ")) {
      return Reply.of(400, detail("Invalid authorization header"));
    }
    Long exp = accessTokens.get(auth.substring(7).trim());
    if (exp == null || exp < System.currentTimeMillis()) {
      return new Reply(401, detail("Invalid JWT"), Map.of("WWW-Authenticate", "Bearer"));
    }
    String json = new String(body, StandardCharsets.UTF_8);
    if (path.equals("/api/jobs/jdl") && method.equals("POST")) {
      return submit(json);
    }
    if (path.equals("/api/jobs/search") && method.equals("POST")) {
      return search(json, query);
    }
    if (path.equals("/api/jobs/status") && method.equals("PATCH")) {
      return patch(json, Boolean.parseBoolean(query.getOrDefault("force", "false")));
    }
    if (path.equals("/api/jobs/sandbox") && method.equals("POST")) {
      return initiateUpload(json);
    }
    if (path.equals("/api/jobs/sandbox") && method.equals("GET")) {
      String pfn = query.getOrDefault("pfn", "");
      String p = shortPfn(pfn);
      if (!p.startsWith(PREFIX)) {
        return Reply.of(403, detail("Invalid PFN. PFN must start with " + PREFIX));
      }
      JsonObject o = new JsonObject();
      o.addProperty("url", url + "/s3/get?key=" + URLEncodedKey(p));
      o.addProperty("expires_in", 3600);
      return Reply.json(200, o);
    }
    if (path.matches("/api/jobs/\\d+/sandbox(/Output|/Input)?") && method.equals("GET")) {
      long id = Long.parseLong(path.split("/")[3]);
      GridJob j = jobs.get(id);
      if (j == null || !j.owner.equals(USER)) {
        return Reply.of(403, detail("Forbidden"));
      }
      JsonArray in = new JsonArray();
      in.add(j.inputPfns.isEmpty() ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(shortPfn(j.inputPfns.get(0))));
      JsonArray out = new JsonArray();
      String o = j.status.isFinal() ? j.outputPfn : null;
      out.add(o == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(shortPfn(o)));
      if (path.endsWith("/Output")) {
        return Reply.json(200, out);
      }
      if (path.endsWith("/Input")) {
        return Reply.json(200, in);
      }
      JsonObject r = new JsonObject();
      r.add("Input", in);
      r.add("Output", out);
      return Reply.json(200, r);
    }
    return Reply.of(404, detail("Not Found"));
  }

  private static String URLEncodedKey(String p) {
    return java.net.URLEncoder.encode(p, StandardCharsets.UTF_8);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  // --- auth ---

  private String[] issue(long loginExpiry) {
    String access = "at-" + Long.toHexString(Double.doubleToLongBits(Math.random())) + Long.toHexString(System.nanoTime());
    String refresh = "rt-" + Long.toHexString(Double.doubleToLongBits(Math.random())) + Long.toHexString(System.nanoTime());
    accessTokens.put(access, System.currentTimeMillis() + options.accessLifetimeSeconds * 1000);
    refreshTokens.put(refresh, new long[] {loginExpiry, 0});
    return new String[] {access, refresh};
  }

  private Reply device(Map<String, String> query) {
    if (!"myDIRACClientID".equals(query.get("client_id"))) {
      return Reply.of(400, detail("Bad client_id"));
    }
    String code = "dc-" + System.nanoTime();
    String user = "USER-" + (System.nanoTime() % 10000);
    deviceCodes.put(code, new int[] {0, 0});
    JsonObject o = new JsonObject();
    o.addProperty("user_code", user);
    o.addProperty("device_code", code);
    o.addProperty("verification_uri", url + "/api/auth/device");
    o.addProperty("verification_uri_complete", url + "/api/auth/device?user_code=" + user);
    o.addProperty("expires_in", 600);
    return Reply.json(200, o);
  }

  private Reply token(Map<String, String> form) {
    String grant = form.getOrDefault("grant_type", "");
    if (grant.equals("urn:ietf:params:oauth:grant-type:device_code")) {
      if (!"myDIRACClientID".equals(form.get("client_id"))) {
        return Reply.of(400, detail("Bad client_id"));
      }
      int[] state = deviceCodes.get(form.getOrDefault("device_code", ""));
      if (state == null) {
        return Reply.of(401, detail("Device code expired"));
      }
      synchronized (state) {
        if (state[1] == 1) {
          return Reply.of(400, detail("Code was already used"));
        }
        // The user approves after two polls.
        if (state[0]++ < 2) {
          JsonObject o = new JsonObject();
          o.addProperty("error", "authorization_pending");
          return Reply.json(400, o);
        }
        state[1] = 1;
      }
      return tokens(issue(System.currentTimeMillis() + 3_600_000));
    }
    if (grant.equals("refresh_token")) {
      String old = form.getOrDefault("refresh_token", "");
      long[] state = refreshTokens.get(old);
      if (state == null) {
        return Reply.of(401, detail("Invalid refresh token"));
      }
      synchronized (state) {
        if (state[1] == 1) {
          // Reuse of a rotated token: every refresh token of the user is revoked.
          refreshTokens.clear();
          return Reply.of(401, detail("Revoked refresh token reused: all refresh tokens revoked"));
        }
        if (state[0] < System.currentTimeMillis()) {
          return Reply.of(401, detail("Refresh token expired"));
        }
        state[1] = 1;
      }
      refreshes.incrementAndGet();
      return tokens(issue(state[0]));
    }
    return Reply.of(400, detail("Invalid grant_type"));
  }

  private Reply tokens(String[] t) {
    JsonObject o = new JsonObject();
    o.addProperty("access_token", t[0]);
    o.addProperty("expires_in", options.accessLifetimeSeconds);
    o.addProperty("token_type", "Bearer");
    o.addProperty("refresh_token", t[1]);
    return Reply.json(200, o);
  }

  // --- jobs ---

  /** Checks what DIRAC's parser refuses (a quote inside a value, a comma inside a list item). */
  static String refused(ParsedJdl jdl) {
    for (Map.Entry<String, String> e : jdl.expressions().entrySet()) {
      String v = e.getValue();
      if (v.startsWith("{")) {
        boolean inQuotes = false;
        for (char c : v.toCharArray()) {
          if (c == '"') {
            inQuotes = !inQuotes;
          } else if (c == ',' && inQuotes) {
            return "comma inside a list item of " + e.getKey();
          }
        }
      } else if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2
          && v.substring(1, v.length() - 1).contains("\"")) {
        return "quote inside the value of " + e.getKey();
      }
    }
    return null;
  }

  private Reply submit(String json) {
    List<String> texts = new ArrayList<>();
    try {
      JsonParser.parseString(json).getAsJsonArray().forEach(e -> texts.add(e.getAsString()));
    } catch (RuntimeException e) {
      return Reply.of(422, detail("body must be a list of JDL strings"));
    }
    List<List<ParsedJdl>> expanded = new ArrayList<>();
    int total = 0;
    for (String t : texts) {
      try {
        ParsedJdl p = JdlParser.parse(t);
        if (refused(p) != null) {
          return Reply.of(400, detail("JDL syntax error"));
        }
        if (p.has("Parameters") && texts.size() > 1) {
          return Reply.of(400, detail("You cannot submit parametric jobs in a bulk fashion"));
        }
        List<ParsedJdl> jobsOf = JdlParser.expand(p);
        total += jobsOf.size();
        expanded.add(jobsOf);
      } catch (JdlException e) {
        return Reply.of(400, detail("JDL syntax error"));
      }
    }
    if (total > 20) {
      return Reply.of(400, detail("Normal user cannot submit more than 20 jobs at once"));
    }
    JsonArray out = new JsonArray();
    for (List<ParsedJdl> group : expanded) {
      boolean parametric = group.size() > 1 || group.get(0).has("ParameterNumber");
      for (ParsedJdl p : group) {
        GridJob j = create(p, parametric ? DiracState.SUBMITTING : DiracState.RECEIVED,
            parametric ? "Bulk transaction confirmation" : "Job accepted");
        JsonObject o = new JsonObject();
        o.addProperty("JobID", j.id);
        o.addProperty("Status", j.status.diracName());
        o.addProperty("MinorStatus", j.minor);
        o.addProperty("TimeStamp", OffsetDateTime.now(ZoneOffset.UTC).toLocalDateTime().toString());
        out.add(o);
      }
    }
    return Reply.json(201, out);
  }

  GridJob create(ParsedJdl p, DiracState state, String minor) {
    long id = ids.incrementAndGet();
    GridJob j = new GridJob(id, USER, p, nextBehaviour(), state, minor);
    j.inputPfns.addAll(p.list("InputSandbox").stream().filter(s -> s.startsWith("SB:")).toList());
    submissionsByName.computeIfAbsent(j.name, k -> new AtomicInteger()).incrementAndGet();
    jobs.put(id, j);
    return j;
  }

  private Reply search(String json, Map<String, String> query) {
    JsonObject req = JsonParser.parseString(json.isBlank() ? "{}" : json).getAsJsonObject();
    int page = Integer.parseInt(query.getOrDefault("page", "1"));
    int perPage = Integer.parseInt(query.getOrDefault("per_page", "100"));
    if (perPage > 10000 || perPage < 1 || page < 1) {
      return Reply.of(400, detail("per_page must be within 1..10000"));
    }
    List<String> params = new ArrayList<>();
    if (req.has("parameters") && !req.get("parameters").isJsonNull()) {
      for (JsonElement e : req.getAsJsonArray("parameters")) {
        if (!COLUMNS.contains(e.getAsString())) {
          return Reply.of(400, detail("Unknown column " + e.getAsString()));
        }
        params.add(e.getAsString());
      }
    } else {
      params.addAll(COLUMNS);
    }
    List<GridJob> matches = new ArrayList<>();
    List<JsonObject> filters = new ArrayList<>();
    if (req.has("search")) {
      req.getAsJsonArray("search").forEach(e -> filters.add(e.getAsJsonObject()));
    }
    Map<String, Set<String>> in = new HashMap<>();
    for (JsonObject f : filters) {
      if (f.has("values")) {
        Set<String> vs = new java.util.HashSet<>();
        f.getAsJsonArray("values").forEach(v -> vs.add(v.getAsString()));
        in.put(f.get("parameter").getAsString() + "|" + f.get("operator").getAsString(), vs);
      }
    }
    for (GridJob j : jobs.values()) {
      boolean ok = true;
      for (JsonObject f : filters) {
        String col = f.get("parameter").getAsString();
        String op = f.get("operator").getAsString();
        String v = value(j, col);
        ok &= switch (op) {
          case "eq" -> v.equals(f.get("value").getAsString());
          case "neq" -> !v.equals(f.get("value").getAsString());
          case "in" -> in.get(col + "|in").contains(v);
          case "not in" -> !in.get(col + "|not in").contains(v);
          default -> false;
        };
      }
      if (ok) {
        matches.add(j);
      }
    }
    matches.sort(Comparator.comparingLong(j -> j.id));
    int total = matches.size();
    int start = (page - 1) * perPage;
    if (total > 0 && start >= total) {
      return new Reply(416, detail("Requested range not satisfiable"), Map.of("Content-Range", "jobs */" + total));
    }
    JsonArray rows = new JsonArray();
    int end = Math.min(total, start + perPage);
    for (GridJob j : matches.subList(Math.min(start, total), end)) {
      JsonObject row = new JsonObject();
      for (String col : COLUMNS) {
        if (params.contains(col)) {
          String v = value(j, col);
          if (col.equals("JobID") || col.equals("RescheduleCounter")) {
            row.addProperty(col, Long.parseLong(v));
          } else {
            row.addProperty(col, v);
          }
        }
      }
      rows.add(row);
    }
    if (end - start < total) {
      return new Reply(206, rows.toString().getBytes(StandardCharsets.UTF_8),
          Map.of("Content-Range", "jobs " + start + "-" + (end - 1) + "/" + total));
    }
    return Reply.json(200, rows);
  }

  private static String value(GridJob j, String col) {
    return switch (col) {
      case "JobID" -> Long.toString(j.id);
      case "JobName" -> j.name;
      case "JobGroup" -> j.jdl.string("JobGroup").orElse("NoGroup");
      case "JobType" -> j.jdl.string("JobType").orElse("User");
      case "Owner" -> j.owner;
      case "OwnerGroup" -> "biomed_user";
      case "VO" -> "biomed";
      case "Site" -> j.site;
      case "Status" -> j.status.diracName();
      case "MinorStatus" -> j.minor;
      case "ApplicationStatus" -> j.application;
      case "SubmissionTime" -> "2026-01-01T00:00:00";
      case "RescheduleCounter" -> j.rescheduled ? "1" : "0";
      default -> "";
    };
  }

  private Reply patch(String json, boolean force) {
    JsonObject req = JsonParser.parseString(json).getAsJsonObject();
    for (String key : req.keySet()) {
      GridJob j = jobs.get(Long.parseLong(key));
      if (j == null || !j.owner.equals(USER)) {
        return Reply.of(403, detail("You do not have access to job " + key));
      }
    }
    JsonObject success = new JsonObject();
    for (String key : req.keySet()) {
      GridJob j = jobs.get(Long.parseLong(key));
      for (Map.Entry<String, JsonElement> at : req.getAsJsonObject(key).entrySet()) {
        long stamp;
        try {
          stamp = OffsetDateTime.parse(at.getKey()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
          return Reply.of(400, detail("Timestamp must have a timezone: " + at.getKey()));
        }
        JsonObject change = at.getValue().getAsJsonObject();
        DiracState next = DiracState.parse(change.get("Status").getAsString()).orElse(null);
        if (next == null || stamp < j.lastRecord) {
          continue; // only logged
        }
        if (j.status.canMoveTo(next) || force) {
          if (next == DiracState.KILLED || next == DiracState.DELETED) {
            kill(j);
          }
          move(j, next, change.has("MinorStatus") ? change.get("MinorStatus").getAsString() : j.minor, force);
          if (next == DiracState.KILLED) {
            release(j);
          }
        }
        if (next == DiracState.RECEIVED) {
          // confirming a parametric bulk moves it on
          j.since = System.currentTimeMillis();
        }
      }
      JsonObject r = new JsonObject();
      r.addProperty("Status", j.status.diracName());
      r.addProperty("MinorStatus", j.minor);
      r.addProperty("ApplicationStatus", j.application);
      r.add("HeartBeatTime", JsonNull.INSTANCE);
      r.add("StartExecTime", JsonNull.INSTANCE);
      r.add("EndExecTime", JsonNull.INSTANCE);
      r.add("LastUpdateTime", JsonNull.INSTANCE);
      success.add(key, r);
    }
    JsonObject o = new JsonObject();
    o.add("success", success);
    o.add("failed", new JsonObject());
    return Reply.json(200, o);
  }

  private Reply initiateUpload(String json) {
    JsonObject req = JsonParser.parseString(json).getAsJsonObject();
    String algo = req.get("checksum_algorithm").getAsString();
    String checksum = req.get("checksum").getAsString();
    String format = req.get("format").getAsString();
    long size = req.get("size").getAsLong();
    if (!algo.equals("sha256") || !checksum.matches("[0-9a-f]{64}")
        || !(format.equals("tar.bz2") || format.equals("tar.zst")) || size > 100L * 1024 * 1024 || size < 0) {
      return Reply.of(400, detail("Invalid sandbox request"));
    }
    String path = PREFIX + "sha256:" + checksum + "." + format;
    JsonObject o = new JsonObject();
    o.addProperty("pfn", "SB:SandboxSE|" + path);
    if (sandboxes.containsKey(path)) {
      o.add("url", JsonNull.INSTANCE);
      o.add("fields", new JsonObject());
    } else {
      o.addProperty("url", url + "/s3/upload");
      JsonObject fields = new JsonObject();
      fields.addProperty("key", path);
      fields.addProperty("x-amz-algorithm", "AWS4-HMAC-SHA256");
      fields.addProperty("x-amz-credential", "test/20260101/us-east-1/s3/aws4_request");
      fields.addProperty("x-amz-date", "20260101T000000Z");
      fields.addProperty("policy", "e30=");
      fields.addProperty("x-amz-signature", "0");
      fields.addProperty("x-amz-checksum-algorithm", "SHA256");
      fields.addProperty("x-amz-checksum-sha256", checksum);
      o.add("fields", fields);
    }
    return Reply.json(200, o);
  }

  private Reply upload(HttpExchange ex, byte[] body) {
    if (ex.getRequestHeaders().getFirst("Authorization") != null) {
      return Reply.of(400, detail("Only one auth mechanism allowed"));
    }
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.contains("boundary=")) {
      return Reply.of(400, detail("not multipart"));
    }
    Map<String, byte[]> parts = Multipart.parse(body, type.substring(type.indexOf("boundary=") + 9));
    List<String> names = new ArrayList<>(parts.keySet());
    if (!names.isEmpty() && !names.get(names.size() - 1).equals("file")) {
      return Reply.of(400, detail("the file must come last"));
    }
    String key = new String(parts.getOrDefault("key", new byte[0]), StandardCharsets.UTF_8);
    byte[] file = parts.get("file");
    if (file == null || !key.startsWith(PREFIX)) {
      return Reply.of(400, detail("missing key or file"));
    }
    String expected = key.substring(key.indexOf("sha256:") + 7, key.indexOf("sha256:") + 71);
    if (!SandboxArchive.sha256(file).equals(expected)) {
      return Reply.of(400, detail("BadDigest"));
    }
    sandboxes.put(key, file);
    return Reply.of(204, null);
  }

  // --- what the fake CLI needs ---

  Map<Long, GridJob> jobsMap() {
    return jobs;
  }

  byte[] sandbox(String pfn) {
    return sandboxes.get(shortPfn(pfn));
  }

  String storeSandbox(byte[] archive, String format) {
    return store(archive, format);
  }

  boolean takeCliSubmitError() {
    return cliSubmitErrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  void killed(GridJob j) {
    kill(j);
    release(j);
  }

  private void writeCommands() throws IOException {
    write(workerBin.resolve("dirac-dms-get-file"), """
        #!/bin/sh
        # test grid: copies grid files from the local storage element folder
        [ -n "$VIPB_TESTGRID_SE" ] || { echo "ERROR: no storage element"; exit 1; }
        for lfn in "$@"; do
          lfn=${lfn#LFN:}
          src="$VIPB_TESTGRID_SE$lfn"
          [ -f "$src" ] || { echo "ERROR $lfn: No such file or directory"; exit 1; }
          cp "$src" "./${lfn##*/}" || exit 1
          echo "Successful: $lfn"
        done
        """);
    write(workerBin.resolve("dirac-dms-add-file"), """
        #!/bin/sh
        # test grid: dirac-dms-add-file LFN FILE SE
        lfn=${1#LFN:}
        [ -f "$2" ] || { echo "ERROR: no file $2"; exit 1; }
        [ "$3" = "$VIPB_TESTGRID_SE_NAME" ] || { echo "ERROR: unknown storage element $3"; exit 1; }
        dest="$VIPB_TESTGRID_SE$lfn"
        [ -e "$dest" ] && { echo "ERROR $lfn: File already exists"; exit 1; }
        mkdir -p "$(dirname "$dest")" && cp "$2" "$dest" || exit 1
        echo "Successfully uploaded file to $3"
        """);
    Path dockerBin = root.resolve("docker-bin");
    Files.createDirectories(dockerBin);
    write(dockerBin.resolve("docker"), """
        #!/bin/sh
        # test grid: records docker calls and runs the container's command on the host
        printf '%s\\n' "$*" >>"$VIPB_TESTGRID_ROOT/docker-calls.log"
        case $1 in
          info|pull) exit 0 ;;
          image) exit 0 ;;
          run) shift ;;
          *) exit 1 ;;
        esac
        wd=.
        while [ $# -gt 0 ]; do
          case $1 in
            --entrypoint) entry=$2; shift 3; break ;;
            -w) wd=$2; shift 2 ;;
            -v|--user|--gpus) shift 2 ;;
            *) shift ;;
          esac
        done
        cd "$wd" && exec "$entry" "$@"
        """);
    if (options.busyboxTar) {
      Path busybox = Files.createDirectories(root.resolve("busybox-bin"));
      write(busybox.resolve("tar"), "#!/bin/sh\nexec busybox tar \"$@\"\n");
    } else {
      requireGnuTar();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    for (String cmd : List.of("dirac-wms-job-submit", "dirac-wms-job-status", "dirac-wms-job-get-output",
        "dirac-wms-job-kill", "dirac-wms-job-delete")) {
      write(clientBin.resolve(cmd), "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k"
          + " -cp '" + cp + "' " + FakeDiracCommand.class.getName() + " " + cmd + " \"$@\"\n");
    }
    Files.writeString(envScript(), "# test grid DIRAC environment\nexport PATH='" + clientBin + "':\"$PATH\"\n"
        + "export VIPB_TESTGRID_URL='" + url + "'\n");
  }

  /**
   * Real worker nodes (EL and Debian) have GNU tar, which writes a file named twice as a hard
   * link: a worker with another tar hides what the client must handle.
   */
  private static void requireGnuTar() throws IOException {
    try {
      Process p = new ProcessBuilder("tar", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      if (!out.contains("GNU tar")) {
        throw new IllegalStateException("the test grid's worker needs GNU tar on PATH, as real worker nodes have;"
            + " found: " + out.lines().findFirst().orElse("nothing"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void write(Path p, String text) throws IOException {
    Files.writeString(p, text);
    p.toFile().setExecutable(true, false);
  }

  public Path dockerCalls() {
    return root.resolve("docker-calls.log");
  }

  @Override
  public void close() {
    engine.shutdownNow();
    for (GridJob j : jobs.values()) {
      kill(j);
    }
    workerPool.shutdownNow();
    server.stop(0);
    httpPool.shutdownNow();
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Instant now() {
    return Instant.now();
  }

  static InputStream stream(byte[] b) {
    return new ByteArrayInputStream(b);
  }
}
