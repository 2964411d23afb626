package org.vipboutiques.dirac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.dirac.testgrid.TestGrid;
import org.vipboutiques.dirac.wrapper.GridJobPlanner;
import org.vipboutiques.dirac.wrapper.ResultSummary;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;

/**
 * The real wrapper on the shells and tars of real worker nodes: dash and bash, GNU tar and busybox
 * tar. Outputs without an LFN, several of them, one inside another, a tool that writes scratch into
 * its shipped input folder and a shipped input named like the wrapper's command script: every
 * output comes back whole, nothing else comes back, and the user's files at home stay as they were.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkerShellsTest {

  @TempDir
  Path tmp;

  static Stream<Arguments> workers() {
    return Stream.of(Arguments.of("dash", "GNU tar"), Arguments.of("dash", "busybox tar"),
        Arguments.of("bash", "GNU tar"), Arguments.of("bash", "busybox tar"));
  }

  static Descriptor tool() {
    return Fixtures.descriptor("cat [DATA]/data.txt > a.txt; echo bee > b.txt; mkdir -p d; echo dee > d/f.txt;"
            + " echo scratch > [DATA]/data.txt; echo junk > junk.tmp",
        "[{\"id\": \"data\", \"name\": \"data\", \"type\": \"File\", \"value-key\": \"[DATA]\"}]",
        null, "[{\"id\": \"a\", \"name\": \"a\", \"path-template\": \"a.txt\"},"
            + " {\"id\": \"b\", \"name\": \"b\", \"path-template\": \"b.txt\"},"
            + " {\"id\": \"f\", \"name\": \"f\", \"path-template\": \"d/f.txt\"},"
            + " {\"id\": \"d\", \"name\": \"d\", \"path-template\": \"d\"}]");
  }

  static TestGrid grid(Path root, String shell, String tar) throws Exception {
    TestGrid.Options options = TestGrid.options().workerShell(shell);
    requireOnPath(shell);
    if (tar.startsWith("busybox")) {
      requireOnPath("busybox");
      options.busyboxTar();
    }
    return TestGrid.start(root, options);
  }

  /** Skips where {@code command} is absent, fails instead in CI ({@code VIPB_REQUIRE_WORKER_SHELLS=1}). */
  static void requireOnPath(String command) {
    boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    if (System.getenv("VIPB_REQUIRE_WORKER_SHELLS") != null) {
      assertTrue(found, command + " is required (VIPB_REQUIRE_WORKER_SHELLS) but not on PATH");
    }
    Assumptions.assumeTrue(found, command + " is not on PATH (Debian: apt-get install " + command
        + (command.equals("busybox") ? "-static" : "") + ")");
  }

  JobExecutor executor(TestGrid grid) throws Exception {
    return JobExecutors.create(Tools.config(tmp.resolve("jobs"),
        Tools.diracx(grid.url(), grid.credentials(tmp.resolve("credentials.json")))));
  }

  /** Issue 11 item 1: outputs without LFN came back as the whole run folder, several as empty files. */
  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("workers")
  void outputsComeBackWholeAndNothingElse(String shell, String tar) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path data = Files.createDirectories(home.resolve("userdata"));
    Files.writeString(data.resolve("data.txt"), "original\n");
    try (TestGrid grid = grid(tmp.resolve("grid"), shell, tar); JobExecutor ex = executor(grid)) {
      Descriptor d = tool();
      JobRequest request = JobRequest.builder(d, Tools.invocation(d, "{\"data\": \"userdata\"}"))
          .inputDirectory(home).build();
      JobResult r = ex.submit(request).await();
      assertEquals("original\n", Files.readString(data.resolve("data.txt")),
          "the user's file at home is untouched (the worker's scratch never comes back through the input link)");
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      assertEquals("original\n", Files.readString(r.outputFile("a").orElseThrow()));
      assertEquals("bee\n", Files.readString(r.outputFile("b").orElseThrow()));
      assertEquals("dee\n", Files.readString(r.outputFile("f").orElseThrow()));
      assertEquals("dee\n", Files.readString(r.workDirectory().resolve("d/f.txt")));
      Path w = r.workDirectory();
      assertFalse(Files.exists(w.resolve("junk.tmp")), "scratch files stay on the worker");
      ResultSummary s = ResultSummary.read(w.resolve(DiracJob.OUTPUT_FOLDER).resolve(GridJobPlanner.SUMMARY))
          .orElseThrow();
      assertEquals(4, s.outputs().size(), s.toString());
      for (ResultSummary.Output o : s.outputs()) {
        assertFalse(o.path().isEmpty(), "an output without LFN keeps its path: " + o);
        assertTrue(o.lfn().isEmpty(), o.toString());
      }
      assertTrue(grid.violations().isEmpty(), grid.violations().toString());
    }
  }

  /**
   * Issue 11 item 3: a shipped input named like the wrapper's command script replaced the command.
   * The script now stays outside the run folder where inputs land, and the wrapper's other names
   * there are only inputs; a name of the library's own ({@code .vipb...}) is refused before
   * submission (core's job folder rule: shipped inputs land under their file name).
   */
  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("workers")
  void anInputNamedLikeTheWrappersFilesIsOnlyAnInput(String shell, String tar) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path sub = Files.createDirectories(home.resolve("sub"));
    try (TestGrid grid = grid(tmp.resolve("grid"), shell, tar); JobExecutor ex = executor(grid)) {
      Descriptor d = Tools.catTool();
      for (String name : new String[] {"vipb-summary.json", "vipb-wrapper.log", "vipb-outputs.tar", "command.sh"}) {
        Files.writeString(sub.resolve(name), "echo PWNED > pwned.txt\n");
        JobRequest request = JobRequest.builder(d, Tools.invocation(d,
            "{\"in\": \"sub/" + name + "\", \"text\": \"t\", \"out\": \"copy.txt\"}")).inputDirectory(home).build();
        JobResult r = ex.submit(request).await();
        assertEquals(JobState.SUCCEEDED, r.state(), name + ": " + r);
        assertEquals("echo PWNED > pwned.txt\n", Files.readString(r.outputFile("result").orElseThrow()),
            name + ": the input is the tool's input, not the wrapper's file");
        assertFalse(Files.exists(r.workDirectory().resolve("pwned.txt")), name);
      }
      Files.writeString(sub.resolve(".vipb-command.sh"), "echo PWNED > pwned.txt\n");
      JobRequest own = JobRequest.builder(d, Tools.invocation(d,
          "{\"in\": \"sub/.vipb-command.sh\", \"text\": \"t\", \"out\": \"copy.txt\"}")).inputDirectory(home).build();
      org.vipboutiques.execution.JobRejectedException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.vipboutiques.execution.JobRejectedException.class, () -> ex.submit(own));
      assertTrue(e.getMessage().contains("keeps for its own files"), e.getMessage());
    }
  }
}
