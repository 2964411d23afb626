package org.vipboutiques.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.JobStatus;
import org.vipboutiques.execution.LogStream;
import org.vipboutiques.execution.job.JobStore;
import org.vipboutiques.slurm.command.SlurmTool;
import org.vipboutiques.slurm.script.BatchScript;
import org.vipboutiques.testing.conditions.Docker;
import org.vipboutiques.testing.conditions.EnabledIfDocker;
import org.vipboutiques.testing.conditions.EnabledIfSlurm;

/**
 * The slurm executor on a real Slurm cluster (scripts/slurm-up.sh starts one here). Skipped
 * where none answers; failed where VIPB_REQUIRE_SLURM=1.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@EnabledIfSlurm
class SlurmExecutorTest {

  @TempDir
  Path base;

  SlurmExecutor executor;

  @BeforeEach
  void open() throws Exception {
    executor = open(Map.of());
  }

  @AfterEach
  void close() {
    if (executor != null) {
      executor.close();
    }
  }

  SlurmExecutor open(Map<String, String> settings) throws ExecutorUnavailableException {
    return SlurmCluster.executor(base, settings);
  }

  static JobRequest request(Descriptor d, String invocation) {
    return JobRequest.builder(d, Tools.invocation(d, invocation)).build();
  }

  /** Waits until a job's stdout holds {@code text} (it then runs). */
  static void waitForOutput(Job job, String text) throws Exception {
    Path out = job.workDirectory().resolve(".vipb-stdout.log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(out) && Files.readString(out).contains(text)) {
        return;
      }
      assertFalse(job.status().state().isFinal(), "ended early: " + job.status());
      Thread.sleep(50);
    }
    throw new AssertionError("the job never printed " + text + ": " + job.status());
  }

  @Test
  void aDescriptorLaunchedThroughSlurmProducesItsOutputs() throws Exception {
    Descriptor d = Tools.tool("echo [TEXT] > [OUT]; echo done",
        "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\", \"optional\": false}]");
    Job job = executor.submit(request(d, "{\"text\": \"hello\", \"out\": \"a.txt\"}"));
    List<JobState> states = Collections.synchronizedList(new ArrayList<>());
    List<String> lines = new CopyOnWriteArrayList<>();
    job.addListener(new JobListener() {
      @Override
      public void stateChanged(Job j, JobStatus status) {
        states.add(status.state());
      }

      @Override
      public void logLine(Job j, LogStream stream, String line) {
        lines.add(line);
      }
    });
    assertTrue(job.id().matches("\\d+"), job.id());
    assertEquals("slurm", job.executorName());
    JobResult r = job.await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("COMPLETED", r.backendState());
    assertEquals(0, r.exitCode().orElseThrow());
    assertEquals("hello\n", Files.readString(r.outputFile("result").orElseThrow()));
    assertEquals("done\n", r.stdoutTail());
    assertTrue(lines.contains("done"), lines.toString());
    assertEquals(JobState.SUCCEEDED, states.get(states.size() - 1), states.toString());
    assertTrue(r.startedAt().isPresent() && !r.startedAt().get().isAfter(r.finishedAt()));
    assertTrue(Files.readString(r.workDirectory().resolve(BatchScript.FILE)).contains("#SBATCH --job-name=t"));
    assertEquals(Optional.of(JobState.SUCCEEDED), JobStore.open(executor.storeFile()).find(job.id())
        .flatMap(s -> s.finalState()));
  }

  @Test
  void fiftyInvocationsOfOneDescriptorAreOneJobArray() throws Exception {
    Descriptor d = Tools.tool("echo [TEXT] > [OUT]",
        "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]");
    List<JobRequest> requests = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      requests.add(request(d, "{\"text\": \"n" + i + "\", \"out\": \"o.txt\"}"));
    }
    long start = System.nanoTime();
    List<Job> jobs = executor.submitAll(requests);
    assertEquals(1, executor.statistics().calls(SlurmTool.SBATCH).calls(), "one sbatch for the array");
    String array = jobs.get(0).id().substring(0, jobs.get(0).id().indexOf('_'));
    for (int i = 0; i < 50; i++) {
      assertEquals(array + "_" + i, jobs.get(i).id());
    }
    for (int i = 0; i < 50; i++) {
      JobResult r = jobs.get(i).await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      assertEquals("n" + i + "\n", Files.readString(r.outputFile("result").orElseThrow()));
    }
    SlurmStatistics stats = executor.statistics();
    System.out.printf("array of 50: %.1f s, %d polls, %d squeue calls, %d sacct, %d scontrol%n",
        (System.nanoTime() - start) / 1e9, stats.polls(), stats.calls(SlurmTool.SQUEUE).calls(),
        stats.calls(SlurmTool.SACCT).calls(), stats.calls(SlurmTool.SCONTROL).calls());
    assertEquals(stats.polls(), stats.calls(SlurmTool.SQUEUE).calls(), "one squeue per poll for all 50");
  }

  /** The part printed after a poll read the first line used to be lost (LogFollowerTest). */
  @Test
  void outputPrintedAfterAPollReachesTheResult() throws Exception {
    JobResult r = executor.submit(request(Tools.tool("echo first; sleep 2; echo second; printf last", null), "{}"))
        .await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("first\nsecond\nlast", r.stdoutTail());
  }

  @Test
  void aCancelledJobEndsCancelled() throws Exception {
    Descriptor d = Tools.tool("echo started; sleep 120", null);
    Job job = executor.submit(request(d, "{}"));
    waitForOutput(job, "started");
    assertTrue(job.cancel());
    JobResult r = job.await();
    assertEquals(JobState.CANCELLED, r.state(), r.toString());
    assertEquals("CANCELLED", r.backendState());
    assertFalse(job.cancel(), "a job that ended cannot be cancelled again");
    assertTrue(r.duration().toSeconds() < 60, r.duration().toString());
  }

  @Test
  void aQueuedJobCanBeCancelledToo() throws Exception {
    Descriptor d = Tools.tool("echo never", null);
    Job job = executor.submit(JobRequest.builder(d, Tools.invocation(d, "{}")).option("sbatch.begin", "now+1hour")
        .build());
    assertTrue(job.cancel());
    JobResult r = job.await();
    assertEquals(JobState.CANCELLED, r.state(), r.toString());
    assertTrue(r.startedAt().isEmpty());
  }

  @Test
  void aJobOverItsTimeLimitEndsAsATimeout() throws Exception {
    // Slurm keeps time limits in minutes and checks them about every 30 s: this takes 60-90 s.
    Descriptor d = Tools.tool("echo started; sleep 300", null);
    Job job = executor.submit(JobRequest.builder(d, Tools.invocation(d, "{}")).timeout(Duration.ofSeconds(5)).build());
    assertTrue(Files.readString(job.workDirectory().resolve(BatchScript.FILE)).contains("#SBATCH --time=0-00:01:00"));
    JobResult r = job.await();
    assertEquals(JobState.FAILED, r.state(), r.toString());
    assertEquals("TIMEOUT (TimeLimit)", r.backendState());
    assertTrue(r.failure().orElseThrow().startsWith("timed out"), r.failure().toString());
    assertTrue(r.exitCode().isEmpty());
    assertEquals("started\n", r.stdoutTail());
  }

  @Test
  void aToolThatFailsReportsItsExitCode() throws Exception {
    Descriptor d = Fixtures.BOUTIQUES.load(Tools.with(Tools.json("echo oops >&2; exit 3", null), "error-codes",
        "[{\"code\": 3, \"description\": \"no input\"}]"), "t");
    JobResult r = executor.submit(request(d, "{}")).await();
    assertEquals(JobState.FAILED, r.state(), r.toString());
    assertEquals(3, r.exitCode().orElseThrow());
    assertEquals("no input", r.exitCodeDescription().orElseThrow());
    assertEquals("oops\n", r.stderrTail());
    assertTrue(r.failure().isEmpty(), r.failure().toString());
    assertEquals("FAILED (NonZeroExitCode)", r.backendState());
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aNodeWhoseSlurmdDiesIsReportedNotWaitedOn() throws Exception {
    executor.close();
    executor = open(Map.of("node-check-interval", "1s", "node-grace", "3s"));
    Descriptor d = Tools.tool("echo $$ > tool.pid; echo started; sleep 300", null);
    Job job = executor.submit(request(d, "{}"));
    waitForOutput(job, "started");
    String node = SlurmCluster.nodeOf(job.id());
    Path pidFile = SlurmCluster.killableSlurmd(node);
    String slurmd = SlurmCluster.asRoot("cat", pidFile.toString()).text().strip();
    long killedAt = System.nanoTime();
    try {
      // The node dies: slurmd, the job's step daemon and the tool (the other jobs' daemons are left alone).
      List<String> kill = new ArrayList<>(List.of("kill", "-KILL", slurmd));
      SlurmCluster.stepDaemons(job.id()).forEach(pid -> kill.add(Long.toString(pid)));
      long tool = Long.parseLong(Files.readString(job.workDirectory().resolve("tool.pid")).strip());
      ProcessHandle.of(tool).ifPresent(h -> h.descendants().forEach(c -> kill.add(Long.toString(c.pid()))));
      kill.add(Long.toString(tool));
      SlurmCluster.asRoot(kill.toArray(String[]::new));
      JobResult r = job.await();
      double took = (System.nanoTime() - killedAt) / 1e9;
      System.out.printf("slurmd killed: the job ended %s after %.1f s: %s%n", r.backendState(), took, r.failure());
      assertEquals(JobState.FAILED, r.state(), r.toString());
      assertTrue(r.failure().orElseThrow().contains("node " + node), r.failure().toString());
      assertTrue(took < 150, "reported within a bounded time: " + took + " s");
    } finally {
      SlurmCluster.asRoot(SlurmCluster.slurmdStart(node));
      SlurmCluster.waitForNodes(Duration.ofSeconds(60));
    }
  }

  @Test
  void aRestartedApplicationReattaches() throws Exception {
    Descriptor d = Tools.tool("sleep 2; echo late > late.txt",
        "[{\"id\": \"late\", \"name\": \"late\", \"path-template\": \"late.txt\"}]");
    SlurmExecutor first = open(Map.of("cancel-on-close", "false"));
    Job job = first.submit(request(d, "{}"));
    String id = job.id();
    first.close();
    JobResult abandoned = job.await();
    assertEquals(JobState.FAILED, abandoned.state());
    assertTrue(abandoned.failure().orElseThrow().contains("attach(\"" + id + "\")"), abandoned.failure().toString());

    try (SlurmExecutor second = open(Map.of())) {
      List<Job> unfinished = second.attachUnfinished();
      assertEquals(List.of(id), unfinished.stream().map(Job::id).toList());
      Job again = second.attach(id).orElseThrow();
      assertTrue(again == unfinished.get(0), "the same handle");
      JobResult r = again.await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      assertEquals("late\n", Files.readString(r.outputFile("late").orElseThrow()));
      assertTrue(second.attach("999999999").isEmpty());
    }
  }

  /** A command that answers as if Slurm had forgotten every job; it prints nothing. */
  Path forgetful(String name, int exitCode, String stderr) throws Exception {
    return SlurmCluster.forgetful(base.resolve("fake-bin"), name, exitCode, stderr);
  }

  @Test
  void aJobSqueueForgetsIsResolvedWithScontrol() throws Exception {
    executor.close();
    executor = open(Map.of("squeue", forgetful("squeue", 0, "").toString(), "accounting", "no"));
    JobResult r = executor.submit(request(Tools.tool("exit 4", null), "{}")).await();
    assertEquals(JobState.FAILED, r.state(), r.toString());
    assertEquals(4, r.exitCode().orElseThrow());
    assertEquals("FAILED (NonZeroExitCode)", r.backendState());
    assertTrue(executor.statistics().calls(SlurmTool.SCONTROL).calls() > 0);
  }

  @Test
  void aJobSlurmForgetsIsResolvedFromItsFolder() throws Exception {
    executor.close();
    executor = open(Map.of("squeue", forgetful("squeue", 0, "").toString(),
        "scontrol", forgetful("scontrol", 1, "slurm_load_jobs error: Invalid job id specified").toString(),
        "accounting", "no", "probe", "false", "lost-grace", "60s"));
    JobResult r = executor.submit(request(Tools.tool("sleep 1; exit 5", null), "{}")).await();
    assertEquals(JobState.FAILED, r.state(), r.toString());
    assertEquals(5, r.exitCode().orElseThrow());
    assertTrue(r.backendState().contains("exit code 5 from the job folder"), r.backendState());
  }

  @Test
  void aJobSlurmForgetsThatLeftNothingIsLostAfterAGrace() throws Exception {
    executor.close();
    executor = open(Map.of("squeue", forgetful("squeue", 0, "").toString(),
        "scontrol", forgetful("scontrol", 1, "slurm_load_jobs error: Invalid job id specified").toString(),
        "accounting", "no", "probe", "false", "lost-grace", "2s"));
    Descriptor d = Tools.tool("echo never", null);
    Job job = executor.submit(JobRequest.builder(d, Tools.invocation(d, "{}")).option("sbatch.begin", "now+1hour")
        .build());
    try {
      JobResult r = job.await();
      assertEquals(JobState.FAILED, r.state(), r.toString());
      assertTrue(r.failure().orElseThrow().contains("Slurm no longer knows job " + job.id()), r.failure().toString());
    } finally {
      SlurmCluster.run(Duration.ofSeconds(15), "scancel", job.id());
    }
  }

  @Test
  void sacctIsAskedWhereTheClusterKeepsAccounting() throws Exception {
    // A stand-in sacct that says every job asked for timed out.
    Path bin = Files.createDirectories(base.resolve("fake-bin"));
    Path sacct = bin.resolve("sacct");
    Files.writeString(sacct, "#!/bin/bash\nfor a in \"$@\"; do case $a in --jobs=*) ids=${a#--jobs=};; esac; done\n"
        + "for id in ${ids//,/ }; do echo \"$id|TIMEOUT|0:15|vm|2026-01-01T00:00:00\"; done\n");
    sacct.toFile().setExecutable(true);
    executor.close();
    executor = open(Map.of("squeue", forgetful("squeue", 0, "").toString(), "sacct", sacct.toString(),
        "accounting", "yes"));
    assertTrue(executor.accounting());
    JobResult r = executor.submit(request(Tools.tool("true", null), "{}")).await();
    assertEquals(JobState.FAILED, r.state(), r.toString());
    assertTrue(r.failure().orElseThrow().startsWith("timed out"), r.failure().toString());
    assertEquals(1, executor.statistics().calls(SlurmTool.SACCT).calls());
  }

  @Test
  void aToolThatPrefersAGpuRunsWithoutOneWhereThereIsNone() throws Exception {
    String gpus = SlurmCluster.run(Duration.ofSeconds(15), "sinfo", "--noheader", "--format=%G").text().strip();
    assumeTrue(!gpus.contains("gpu"), "this cluster has GPUs: " + gpus);
    Descriptor preferred = Tools.load(Tools.with(Tools.json("echo cpu", null), "custom",
        "{\"vip:gpu\": {\"count\": 1, \"policy\": \"preferred\"}}"));
    JobResult r = executor.submit(request(preferred, "{}")).await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertFalse(Files.readString(r.workDirectory().resolve(BatchScript.FILE)).contains("gpu:"));

    Descriptor required = Tools.load(Tools.with(Tools.json("echo gpu", null), "custom", "{\"vip:gpu\": 1}"));
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> executor.submit(request(required, "{}")));
    assertTrue(e.getMessage().startsWith("sbatch refused the job: "), e.getMessage());
  }

  @Test
  void optionsReachSlurm() throws Exception {
    String partition = SlurmCluster.run(Duration.ofSeconds(15), "sinfo", "--noheader", "--format=%R").text()
        .lines().findFirst().orElseThrow().strip();
    Descriptor d = Tools.tool("echo $SLURM_JOB_PARTITION", null);
    JobResult r = executor.submit(JobRequest.builder(d, Tools.invocation(d, "{}")).option("partition", partition)
        .build()).await();
    assertEquals(partition + "\n", r.stdoutTail(), r.toString());
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> executor.submit(
        JobRequest.builder(d, Tools.invocation(d, "{}")).option("partition", "no-such-partition").build()));
    assertTrue(e.getMessage().contains("partition"), e.getMessage());
    assertThrows(JobRejectedException.class, () -> executor.submit(
        JobRequest.builder(d, Tools.invocation(d, "{}")).option("partition", "a b").build()));
  }

  @Test
  void shellMetacharactersInValuesRunNothing() throws Exception {
    Descriptor d = Tools.tool("echo [TEXT]", null);
    String hostile = "$(touch pwned1); `touch pwned2`; touch pwned3 | touch pwned4 && touch pwned5 'x\" \\";
    JobResult r = executor.submit(request(d, "{\"text\": " + org.vipboutiques.json.JsonString.of(hostile).toJson()
        + "}")).await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals(hostile + "\n", r.stdoutTail());
    try (var files = Files.list(r.workDirectory())) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("pwned")), "nothing ran");
    }
  }

  @Test
  @EnabledIfDocker
  void theToolRunsInItsContainerWhereTheNodeHasDocker() throws Exception {
    String host = Docker.host();
    String image = Docker.testImage();
    Descriptor d = Tools.load(Tools.with(Tools.json("cat /etc/passwd | head -1; echo [TEXT] > out.txt", null),
        "container-image", "{\"type\": \"docker\", \"image\": \"" + image + "\"}"));
    JobResult r = executor.submit(JobRequest.builder(d, Tools.invocation(d, "{\"text\": \"boxed\"}"))
        .environment("DOCKER_HOST", host).option("container", "docker").build()).await();
    assertEquals(JobState.SUCCEEDED, r.state(), r + "\n" + Files.readString(r.workDirectory().resolve(".vipb-slurm.err")));
    assertEquals("root:x:0:0:root:/root:/bin/sh\n", r.stdoutTail(), "busybox's passwd, not the host's");
    assertEquals("boxed\n", Files.readString(r.workDirectory().resolve("out.txt")));
    assertTrue(r.containerCommand().orElseThrow().startsWith("docker run --rm"), r.containerCommand().toString());
  }

  static Descriptor withContainerOpts(String command, String image, String opts) {
    return Tools.load(Tools.with(Tools.json(command, null), "container-image",
        "{\"type\": \"docker\", \"image\": \"" + image + "\", \"container-opts\": " + opts + "}"));
  }

  @Test
  void containerOptionsThePolicyRefusesAreRefusedAtSubmitBeforeAnyFolder() throws Exception {
    Descriptor d = withContainerOpts("cat /hostdata/secret", "busybox", "[\"-v /etc:/hostdata:ro\"]");
    List<Path> before;
    try (var files = Files.list(base)) {
      before = files.toList();
    }
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> executor.submit(request(d, "{}")));
    assertTrue(e.getMessage().contains("\"-v /etc:/hostdata:ro\" mounts a host path")
        && e.getMessage().contains("container-opts-allow=host-mounts"), e.getMessage());
    try (var files = Files.list(base)) {
      assertEquals(before, files.toList(), "no job folder made");
    }
    // Run on the host (no container), nothing of container-opts is used: nothing to refuse.
    assertEquals(JobState.SUCCEEDED, executor.submit(JobRequest.builder(Tools.tool("true", null),
        Tools.invocation(Tools.tool("true", null), "{}")).build()).await().state());
    JobResult host = executor.submit(JobRequest.builder(d, Tools.invocation(d, "{}")).noContainer().build()).await();
    assertEquals(JobState.FAILED, host.state(), "ran on the host, where /hostdata is not: " + host);
    var bad = assertThrows(ExecutorUnavailableException.class, () -> open(Map.of("container-opts-allow", "all")));
    assertTrue(bad.getMessage().contains("container-opts-allow cannot list \"all\""), bad.getMessage());
  }

  @Test
  @EnabledIfDocker
  void allowedContainerOptionsReachTheContainerAsDataNotShellText() throws Exception {
    Path hostData = Files.createDirectories(base.resolve("hostdata"));
    Files.writeString(hostData.resolve("secret"), "from the host\n");
    Descriptor d = withContainerOpts("cat /hostdata/secret; echo \"$X\"", Docker.testImage(),
        "[\"-v " + hostData + ":/hostdata:ro\", \"-e X=a;touch${IFS}pwned;$(touch${IFS}pwned2)\"]");
    executor.close();
    executor = open(Map.of("container-opts-allow", "host-mounts"));
    JobResult r = executor.submit(JobRequest.builder(d, Tools.invocation(d, "{}"))
        .environment("DOCKER_HOST", Docker.host()).option("container", "docker").build()).await();
    assertEquals(JobState.SUCCEEDED, r.state(), r + "\n" + Files.readString(r.workDirectory().resolve(".vipb-slurm.err")));
    assertEquals("from the host\na;touch${IFS}pwned;$(touch${IFS}pwned2)\n", r.stdoutTail());
    try (var files = Files.list(r.workDirectory())) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("pwned")), "nothing ran");
    }
  }

  @Test
  void settingsAreCheckedWhenTheExecutorIsMade() {
    var e = assertThrows(ExecutorUnavailableException.class, () -> open(Map.of("sbatch", "/no/such/sbatch")));
    assertTrue(e.getMessage().contains("/no/such/sbatch"), e.getMessage());
    var bad = assertThrows(ExecutorUnavailableException.class, () -> open(Map.of("poll-interval", "soon")));
    assertTrue(bad.getMessage().contains("poll-interval"), bad.getMessage());
    assertThrows(ExecutorUnavailableException.class, () -> open(Map.of("container", "podman")));
  }
}
