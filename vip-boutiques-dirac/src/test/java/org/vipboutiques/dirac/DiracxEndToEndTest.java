package org.vipboutiques.dirac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.dirac.jdl.ParsedJdl;
import org.vipboutiques.dirac.testgrid.GridJob;
import org.vipboutiques.dirac.testgrid.TestGrid;
import org.vipboutiques.dirac.wrapper.GridJobPlanner;
import org.vipboutiques.dirac.wrapper.SandboxArchive;
import org.vipboutiques.dirac.wrapper.WrapperExit;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;

/** Tools launched through the executor on the test grid over DiracX's REST API, outputs back. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DiracxEndToEndTest extends GridTest {

  @Override
  TestGrid.Options options() {
    return TestGrid.options().fakeDocker();
  }

  JobExecutor executor(Map<String, String> s) throws Exception {
    return JobExecutors.create(Tools.config(tmp.resolve("jobs"), s));
  }

  @Test
  void aToolRunsOnTheGridAndItsOutputsComeBack() throws Exception {
    Files.createDirectories(grid.se().resolve("biomed/user/j/jdoe"));
    Files.writeString(grid.se().resolve("biomed/user/j/jdoe/input.txt"), "grid data\n");
    Descriptor d = Tools.catTool();
    try (JobExecutor ex = executor(settings)) {
      Job job = ex.submit(Tools.request(d,
          "{\"in\": \"lfn:/biomed/user/j/jdoe/input.txt\", \"text\": \"hello; world\", \"out\": \"copy.txt\"}"));
      JobResult r = job.await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      assertEquals("grid data\n", Files.readString(r.outputFile("result").orElseThrow()));
      assertEquals("hello; world\n", r.stdoutTail(), "the command line travels in the wrapper, ';' and all");
      assertTrue(Files.readString(r.stdoutFile()).contains("hello; world"));
      assertEquals(Long.parseLong(job.id()), ((DiracJob) job).diracId().orElseThrow());
      GridJob g = grid.job(Long.parseLong(job.id()));
      ParsedJdl jdl = g.jdl();
      assertEquals(List.of("LFN:/biomed/user/j/jdoe/input.txt"), jdl.list("InputData"));
      assertEquals("vipb-wrapper.sh", jdl.string("Executable").orElseThrow());
      assertEquals(((DiracJob) job).key(), jdl.string("JobName").orElseThrow());
      assertTrue(g.history().stream().anyMatch(h -> h.startsWith("Done")), g.history().toString());
    }
    assertTrue(grid.violations().isEmpty(), grid.violations().toString());
    assertTrue(grid.duplicates().isEmpty());
  }

  @Test
  void outputsGoToTheStorageElementUnderTheOutputPath() throws Exception {
    settings.put("output-se", TestGrid.SE_NAME);
    settings.put("output-path", "/biomed/user/j/jdoe/results");
    try (JobExecutor ex = executor(settings)) {
      Job job = ex.submit(Tools.request(Tools.echoTool(), "{\"text\": \"on the SE\", \"out\": \"r.txt\"}"));
      JobResult r = job.await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      String key = ((DiracJob) job).key();
      Path onSe = grid.se().resolve("biomed/user/j/jdoe/results/" + key + "/r.txt");
      assertEquals("on the SE\n", Files.readString(onSe));
      assertEquals("on the SE\n", Files.readString(r.outputFile("result").orElseThrow()), "small: also in the sandbox");
      assertTrue(Files.readString(r.workDirectory().resolve(DiracJob.GRID_OUTPUTS)).contains(key + "/r.txt"));
      ParsedJdl jdl = grid.job(Long.parseLong(job.id())).jdl();
      assertEquals("TEST-SE", jdl.string("OutputSE").orElseThrow());
      assertEquals("/biomed/user/j/jdoe/results", jdl.string("OutputPath").orElseThrow());
    }
  }

  @Test
  void largeOutputsStayOnTheStorageElement() throws Exception {
    settings.put("output-se", TestGrid.SE_NAME);
    settings.put("output-path", "/biomed/big");
    settings.put("sandbox-output-limit", "4");
    try (JobExecutor ex = executor(settings)) {
      Job job = ex.submit(Tools.request(Tools.echoTool(), "{\"text\": \"more than four bytes\", \"out\": \"big.txt\"}"));
      JobResult r = job.await();
      assertEquals(JobState.SUCCEEDED, r.state(), "an output on the SE counts as produced: " + r);
      assertTrue(r.outputFile("result").isEmpty(), "not brought back");
      assertTrue(r.missingOutputs().isEmpty());
      assertTrue(Files.exists(grid.se().resolve("biomed/big/" + ((DiracJob) job).key() + "/big.txt")));
    }
  }

  @Test
  void failureClassesHaveTheirOwnExitCodes() throws Exception {
    settings.put("output-se", "NO-SUCH-SE");
    settings.put("output-path", "/biomed/x");
    try (JobExecutor ex = executor(settings)) {
      Job missingInput = ex.submit(Tools.request(Tools.catTool(),
          "{\"in\": \"lfn:/biomed/none/absent.txt\", \"text\": \"t\", \"out\": \"o.txt\"}"));
      Job upload = ex.submit(Tools.request(Tools.echoTool(), "{\"text\": \"t\", \"out\": \"o.txt\"}"));
      JobResult a = missingInput.await();
      assertEquals(JobState.FAILED, a.state());
      assertTrue(a.failure().orElseThrow().contains("download"), a.failure().toString());
      assertTrue(a.failure().orElseThrow().contains("" + WrapperExit.DOWNLOAD.code()));
      JobResult b = upload.await();
      assertEquals(JobState.FAILED, b.state());
      assertTrue(b.failure().orElseThrow().contains("upload"), b.failure().toString());
      assertEquals(0, b.exitCode().orElseThrow(), "the tool itself succeeded");
      assertTrue(grid.job(Long.parseLong(upload.id())).history().stream()
          .anyMatch(h -> h.contains("Application Finished With Errors")));
    }
    settings.remove("output-se");
    settings.remove("output-path");
    Descriptor failing = org.vipboutiques.Fixtures.descriptor("echo oops >&2; exit 3",
        "[{\"id\": \"x\", \"name\": \"x\", \"type\": \"String\", \"optional\": true}]", null, null);
    try (JobExecutor ex = executor(settings)) {
      JobResult r = ex.submit(JobRequest.builder(failing, Tools.invocation(failing, "{}")).build()).await();
      assertEquals(JobState.FAILED, r.state());
      assertEquals(3, r.exitCode().orElseThrow());
      assertEquals("oops\n", r.stderrTail());
    }
  }

  @Test
  void aGpuToolAsksForTheGpuTagAndRunsWithGpus() throws Exception {
    settings.put("container", "auto");
    settings.put("tags", "96RAM");
    settings.put("hs06-factor", "12.5");
    settings.put("site", "VIPB.Test.fr");
    settings.put("banned-sites", "LCG.Bad.fr, LCG.Worse.it");
    settings.put("platform", "EL9");
    settings.put("priority", "3");
    settings.put("job-group", "gpu-study");
    try (JobExecutor ex = executor(settings)) {
      Job job = ex.submit(Tools.request(Tools.gpuTool(), "{\"text\": \"gpu\", \"out\": \"g.txt\"}"));
      JobResult r = job.await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      ParsedJdl jdl = grid.job(Long.parseLong(job.id())).jdl();
      assertEquals(List.of("GPU", "96RAM"), jdl.list("Tags"));
      assertEquals(4L, jdl.integer("NumberOfProcessors").orElseThrow());
      assertEquals(8L, jdl.integer("MaxRAM").orElseThrow());
      assertEquals(45000L, jdl.integer("CPUTime").orElseThrow());
      assertEquals("VIPB.Test.fr", jdl.string("Site").orElseThrow());
      assertEquals(List.of("LCG.Bad.fr", "LCG.Worse.it"), jdl.list("BannedSites"));
      assertEquals("EL9", jdl.string("Platform").orElseThrow());
      assertEquals(3L, jdl.integer("Priority").orElseThrow());
      assertEquals("gpu-study", jdl.string("JobGroup").orElseThrow());
      String calls = Files.readString(grid.dockerCalls());
      assertTrue(calls.contains("run --rm") && calls.contains("--gpus 2") && calls.contains("vipb/gpu-tool:1"), calls);
      assertTrue(r.containerCommand().orElseThrow().startsWith("docker"), r.containerCommand().toString());
    }
  }

  static Descriptor withContainerOpts(String opts) throws Exception {
    Descriptor d = Tools.echoTool();
    return Fixtures.BOUTIQUES.load(d.toJson().with("container-image",
        Fixtures.json("{\"type\": \"docker\", \"image\": \"vipb/tool:1\", \"container-opts\": " + opts + "}")), "t");
  }

  @Test
  void containerOptionsThePolicyRefusesAreRefusedAtSubmitBeforeAnythingIsMade() throws Exception {
    settings.put("container", "auto");
    Descriptor d = withContainerOpts("[\"-v /etc:/x:ro\"]");
    long before = grid.requests();
    List<Path> folders = jobFolders();
    try (JobExecutor ex = executor(settings)) {
      JobRejectedException e = assertThrows(JobRejectedException.class,
          () -> ex.submit(Tools.request(d, "{\"text\": \"t\", \"out\": \"o.txt\"}")));
      assertTrue(e.getMessage().contains("\"-v /etc:/x:ro\" mounts a host path into the container, which the dirac executor refuses")
          && e.getMessage().contains("container-opts-allow=host-mounts"), e.getMessage());
    }
    assertEquals(before, grid.requests(), "nothing sent to the grid");
    assertEquals(folders, jobFolders(), "no job folder made");
    settings.put("container", "apptainer");
    try (JobExecutor ex = executor(settings)) {
      // container=apptainer does not pass a Docker image's options: nothing to refuse at submit (the test
      // grid's worker has no Apptainer, so the job then ends there, on the worker)
      JobResult r = ex.submit(Tools.request(d, "{\"text\": \"t\", \"out\": \"o.txt\"}")).await();
      assertEquals(1, jobFolders().size() - folders.size(), r.toString());
    }
    settings.put("container-opts-allow", "everything");
    var bad = assertThrows(org.vipboutiques.execution.ExecutorUnavailableException.class, () -> executor(settings));
    assertTrue(bad.getMessage().contains("container-opts-allow cannot list \"everything\""), bad.getMessage());
  }

  List<Path> jobFolders() throws java.io.IOException {
    Path jobs = tmp.resolve("jobs");
    if (!Files.isDirectory(jobs)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(jobs)) {
      return files.filter(Files::isDirectory).sorted().toList();
    }
  }

  @Test
  void allowedContainerOptionsReachTheRuntimeAsSeparateWordsNeverAsShellText() throws Exception {
    settings.put("container", "auto");
    settings.put("container-opts-allow", "host-mounts");
    String value = "X=a;touch${IFS}pwned;$(touch${IFS}pwned2)`touch${IFS}pwned3`*";
    Descriptor d = withContainerOpts("[\"-v /etc:/x:ro\", \"-e '" + value + "'\"]");
    try (JobExecutor ex = executor(settings)) {
      JobResult r = ex.submit(Tools.request(d, "{\"text\": \"t\", \"out\": \"o.txt\"}")).await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    }
    String calls = Files.readString(grid.dockerCalls());
    assertTrue(calls.contains(" -v /etc:/x:ro -e " + value + " --entrypoint "), calls);
    try (Stream<Path> files = Files.walk(tmp)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("pwned")), "nothing ran");
    }
  }

  @Test
  void manyInvocationsGoOutInListsOfAtMostTwenty() throws Exception {
    Descriptor d = Tools.echoTool();
    List<JobRequest> requests = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      requests.add(Tools.request(d, "{\"text\": \"job" + i + "\", \"out\": \"o.txt\"}"));
    }
    settings.put("sandbox-jobs", "30");
    long before = grid.requests();
    try (JobExecutor ex = executor(settings)) {
      List<Job> jobs = ex.submitAll(requests);
      for (int i = 0; i < jobs.size(); i++) {
        JobResult r = jobs.get(i).await();
        assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
        assertEquals("job" + i + "\n", Files.readString(r.outputFile("result").orElseThrow()), "outputs on the right job");
      }
    }
    assertEquals(45, grid.jobs().stream().map(GridJob::name).distinct().count());
    assertTrue(grid.duplicates().isEmpty());
    assertTrue(grid.requests() - before > 4, "at least 3 submissions of at most 20 jobs and 2 sandboxes");
  }

  @Test
  void cancellingKillsTheGridJob() throws Exception {
    Descriptor sleeper = org.vipboutiques.Fixtures.descriptor("sleep 30",
        "[{\"id\": \"x\", \"name\": \"x\", \"type\": \"String\", \"optional\": true}]", null, null);
    try (JobExecutor ex = executor(settings)) {
      Job job = ex.submit(JobRequest.builder(sleeper, Tools.invocation(sleeper, "{}")).build());
      long deadline = System.currentTimeMillis() + 20_000;
      while (job.status().state() != JobState.RUNNING && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(job.cancel());
      JobResult r = job.await();
      assertEquals(JobState.CANCELLED, r.state(), r.toString());
      assertEquals("Killed", grid.job(Long.parseLong(job.id())).status().diracName());
      assertFalse(job.cancel(), "already ended");
    }
  }

  private Path data(String name, int bytes, long seed) throws Exception {
    byte[] b = new byte[bytes];
    new Random(seed).nextBytes(b);
    Path p = tmp.resolve("client").resolve(name);
    Files.createDirectories(p.getParent());
    return Files.write(p, b);
  }

  private JobRequest cat(Path in, String out) throws Exception {
    return JobRequest.builder(Tools.catTool(), Tools.invocation(Tools.catTool(),
        "{\"in\": \"" + in.getFileName() + "\", \"text\": \"t\", \"out\": \"" + out + "\"}"))
        .inputDirectory(in.getParent()).build();
  }

  @Test
  void localFilesTravelInTheSandboxOncePerContentAndComeBackAsOutputs() throws Exception {
    Path shared = data("atlas.bin", 300_000, 1);
    Path own = data("subject.bin", 200_000, 2);
    try (JobExecutor ex = executor(settings)) {
      List<Job> jobs = ex.submitAll(List.of(cat(shared, "a.bin"), cat(shared, "b.bin"), cat(own, "c.bin")));
      List<JobResult> results = new ArrayList<>();
      for (Job j : jobs) {
        results.add(j.await());
      }
      for (JobResult r : results) {
        assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      }
      assertEquals(-1, Files.mismatch(shared, results.get(0).outputFile("result").orElseThrow()));
      assertEquals(-1, Files.mismatch(shared, results.get(1).outputFile("result").orElseThrow()));
      assertEquals(-1, Files.mismatch(own, results.get(2).outputFile("result").orElseThrow()));
      long id = Long.parseLong(jobs.get(0).id());
      assertTrue(grid.job(id).jdl().list("InputData").isEmpty(), "a local input is not grid data");
      Path unpacked = tmp.resolve("sandbox");
      byte[] archive = grid.inputSandbox(id).orElseThrow();
      SandboxArchive.extract(new ByteArrayInputStream(archive), "tar.zst", unpacked);
      SandboxArchive.extract(Files.newInputStream(unpacked.resolve(GridJobPlanner.JOBS_TAR)), "tar", unpacked);
      try (Stream<Path> contents = Files.list(unpacked.resolve(GridJobPlanner.SHIPPED_FOLDER))) {
        assertEquals(2, contents.count(), "three jobs, two distinct contents, one sandbox");
      }
      assertTrue(archive.length < 300_000 + 200_000 + 64 * 1024, "the shared file is not packed twice: " + archive.length);
    }
    assertTrue(grid.violations().isEmpty(), grid.violations().toString());
  }

  /** A file rewritten in place with its old size and time keeps its remembered hash; its bytes are checked. */
  @Test
  void aLocalInputChangedSinceItWasHashedIsNotShippedUnderItsOldName() throws Exception {
    Path atlas = data("atlas.bin", 100_000, 1);
    try (JobExecutor ex = executor(settings)) {
      assertEquals(JobState.SUCCEEDED, ex.submit(cat(atlas, "a.bin")).await().state());
      FileTime before = Files.getLastModifiedTime(atlas);
      byte[] other = new byte[100_000];
      new Random(9).nextBytes(other);
      Files.write(atlas, other);
      Files.setLastModifiedTime(atlas, before);
      int onGrid = grid.jobs().size();
      JobResult r = ex.submit(cat(atlas, "b.bin")).await();
      assertEquals(JobState.FAILED, r.state(), r.toString());
      String why = r.failure().orElseThrow();
      assertTrue(why.contains("changed while the job was being submitted") && why.contains(atlas.toString())
          && why.contains("\"in\""), why);
      assertEquals(onGrid, grid.jobs().size(), "nothing reached the grid");
    }
  }

  @Test
  void aShippedInputDamagedOnTheWayFailsItsJobBeforeTheToolRuns() throws Exception {
    Path atlas = data("atlas.bin", 50_000, 4);
    grid.damageShippedInputs();
    try (JobExecutor ex = executor(settings)) {
      JobResult r = ex.submit(cat(atlas, "a.bin")).await();
      assertEquals(JobState.FAILED, r.state(), r.toString());
      String why = r.failure().orElseThrow();
      assertTrue(why.contains("arrived damaged") && why.contains(atlas.getFileName().toString()), why);
    }
  }

  @Test
  void aLocalFolderTravelsWithItsContent() throws Exception {
    Descriptor d = Fixtures.descriptor("cat [IN]/a.txt [IN]/sub/b.txt > [OUT]",
        "[{\"id\": \"in\", \"name\": \"in\", \"type\": \"File\", \"value-key\": \"[IN]\"},"
            + " {\"id\": \"out\", \"name\": \"out\", \"type\": \"String\", \"value-key\": \"[OUT]\"}]",
        null, "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]");
    Path folder = Files.createDirectories(tmp.resolve("client/scans/sub"));
    Files.writeString(folder.getParent().resolve("a.txt"), "first\n");
    Files.writeString(folder.resolve("b.txt"), "second\n");
    Files.createDirectories(folder.getParent().resolve("empty"));
    try (JobExecutor ex = executor(settings)) {
      JobResult r = ex.submit(JobRequest.builder(d, Tools.invocation(d, "{\"in\": \"" + folder.getParent()
          + "\", \"out\": \"both.txt\"}")).build()).await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      assertEquals("first\nsecond\n", Files.readString(r.outputFile("result").orElseThrow()));
    }
  }

  @Test
  void localInputsOverTheLimitAreRefusedBeforeSubmission() throws Exception {
    Path big = data("big.bin", 3000, 3);
    settings.put("sandbox-input-limit", "2K");
    try (JobExecutor ex = executor(settings)) {
      JobRejectedException e = assertThrows(JobRejectedException.class, () -> ex.submit(cat(big, "o")));
      assertTrue(e.getMessage().contains("sandbox-input-limit") && e.getMessage().contains("lfn:"), e.getMessage());
    }
    assertTrue(grid.jobs().isEmpty(), "nothing reached the grid");
    settings.put("sandbox-input-limit", "91M");
    IllegalArgumentException tooHigh = assertThrows(IllegalArgumentException.class, () -> DiracSettings.of(settings));
    assertTrue(tooHigh.getMessage().contains("at most 90M"), tooHigh.getMessage());
  }
}
