package org.vipboutiques.slurm.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.Mount;
import org.vipboutiques.execution.container.OptionAllowance;
import org.vipboutiques.execution.job.JobFolder;
import org.vipboutiques.execution.job.PreparedJob;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.slurm.Tools;

/** Batch scripts: their #SBATCH lines, and their bodies run by bash here (no Slurm needed). */
class BatchScriptTest {

  @TempDir
  Path base;

  ExecutorConfig config() {
    return ExecutorConfig.builder("slurm").baseDirectory(base).build();
  }

  PreparedJob prepare(Descriptor d, String invocation) throws JobRejectedException {
    return JobFolder.prepare(JobRequest.builder(d, Tools.invocation(d, invocation)).build(), config());
  }

  PreparedJob prepare(JobRequest request) throws JobRejectedException {
    return JobFolder.prepare(request, config());
  }

  static List<String> sbatchLines(String script) {
    return script.lines().filter(l -> l.startsWith("#SBATCH ")).map(l -> l.substring(8)).toList();
  }

  @Test
  void sbatchLinesFollowTheDescriptorAndTheOptions() throws Exception {
    JsonObject json = Tools.with(Tools.json("echo hi", null), "suggested-resources",
        "{\"cpu-cores\": 2, \"ram\": 1.5, \"walltime-estimate\": 100}");
    PreparedJob job = prepare(Tools.load(json), "{}");
    JobOptions options = JobOptions.from(Map.of("partition", "short", "account", "lab1", "qos", "normal"),
        Map.of("partition", "debug"));
    List<String> lines = sbatchLines(BatchScript.of(List.of(job), "my tool #1", options, true));
    // 3 x 100 s + 10 s = 310 s: Slurm keeps minutes, so 6.
    assertEquals(List.of("--job-name=my_tool_1", "--output=.vipb-slurm.out", "--error=.vipb-slurm.err",
        "--cpus-per-task=2", "--mem=1536M", "--time=0-00:06:00", "--partition=debug", "--account=lab1",
        "--qos=normal", "--no-requeue"), lines);
  }

  @Test
  void timeLimitsAreRoundedUpToTheMinute() {
    assertEquals("0-00:01:00", BatchScript.time(Duration.ofSeconds(1)));
    assertEquals("0-00:01:00", BatchScript.time(Duration.ofSeconds(60)));
    assertEquals("0-00:02:00", BatchScript.time(Duration.ofSeconds(61)));
    assertEquals("1-01:00:00", BatchScript.time(Duration.ofHours(25)));
  }

  @Test
  void gpusAreAskedWithGresOrGpus() throws Exception {
    JsonObject json = Tools.with(Tools.json("nvidia-smi", null), "custom",
        "{\"vip:gpu\": {\"count\": 2, \"type\": \"a100\"}}");
    PreparedJob job = prepare(Tools.load(json), "{}");
    String gres = BatchScript.of(List.of(job), "t", JobOptions.DEFAULTS, true);
    assertTrue(sbatchLines(gres).contains("--gres=gpu:a100:2"), gres);
    String gpus = BatchScript.of(List.of(job), "t", JobOptions.from(Map.of("gpu-flag", "gpus"), Map.of()), true);
    assertTrue(sbatchLines(gpus).contains("--gpus=a100:2"), gpus);
    String none = BatchScript.of(List.of(job), "t", JobOptions.DEFAULTS, false);
    assertTrue(sbatchLines(none).stream().noneMatch(l -> l.contains("gpu")), none);

    PreparedJob all = prepare(Tools.load(Tools.with(Tools.json("nvidia-smi", null), "custom",
        "{\"vip:gpu\": {\"count\": \"all\"}}")), "{}");
    List<String> lines = sbatchLines(BatchScript.of(List.of(all), "t", JobOptions.DEFAULTS, true));
    assertTrue(lines.contains("--gres=gpu:1") && lines.contains("--exclusive"), lines.toString());
  }

  @Test
  void anArrayListsItsFoldersAndItsLimit() throws Exception {
    Descriptor d = Tools.tool("echo [TEXT]", null);
    List<PreparedJob> jobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      jobs.add(prepare(d, "{\"text\": \"" + i + "\"}"));
    }
    String script = BatchScript.of(jobs, "t", JobOptions.from(Map.of("array-limit", "2"), Map.of()), true);
    List<String> lines = sbatchLines(script);
    assertTrue(lines.contains("--array=0-2%2"), lines.toString());
    assertTrue(lines.contains("--output=.vipb-slurm-%a.out") && lines.contains("--error=.vipb-slurm-%a.err"));
    for (PreparedJob j : jobs) {
      assertTrue(script.contains("  " + j.folder() + "\n"), script);
    }
    assertTrue(script.contains("dir=${folders[${SLURM_ARRAY_TASK_ID:-0}]}"));
  }

  @Test
  void otherSbatchOptionsComeLastAndValuesAreChecked() throws Exception {
    PreparedJob job = prepare(Tools.tool("true", null), "{}");
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    settings.put("sbatch.mail-type", "END");
    settings.put("sbatch.exclusive", "");
    JobOptions options = JobOptions.from(settings, Map.of("requeue", "true", "constraint", "intel&avx2"));
    List<String> lines = sbatchLines(BatchScript.of(List.of(job), "t", options, true));
    assertEquals(List.of("--constraint=intel&avx2", "--requeue", "--mail-type=END", "--exclusive"),
        lines.subList(lines.size() - 4, lines.size()));
    for (Map<String, String> bad : List.of(Map.of("partition", "a b"), Map.of("account", "x\n#SBATCH --uid=0"),
        Map.of("sbatch.Bad", "1"), Map.of("sbatch.x", "'q'"), Map.of("container", "podman"),
        Map.of("gpu-flag", "cuda"), Map.of("requeue", "maybe"), Map.of("array-limit", "0"),
        Map.of("docker-user", "$(id)"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobOptions.from(bad, Map.of()),
          bad.toString());
      assertTrue(e.getMessage().contains(bad.keySet().iterator().next()), e.getMessage());
    }
  }

  @Test
  void environmentNamesAreChecked() {
    assertThrows(JobRejectedException.class, () -> BatchScript.environmentFile(Map.of("A-B", "1")));
    assertThrows(JobRejectedException.class, () -> BatchScript.environmentFile(Map.of("1A", "1")));
  }

  /** Commands the batch scripts and the test tools use. */
  private static final List<String> BASICS = List.of("bash", "sh", "rm", "mv", "cat", "echo", "hostname", "id",
      "printf", "touch", "sleep", "true", "false", "ls", "grep", "head", "tr");

  /**
   * Runs a batch script as Slurm would (bash, in its folder), with an extra PATH in front. The
   * PATH has only basic commands: not this machine's docker or apptainer, only the fakes given.
   */
  int runScript(Path script, Map<String, String> env, Optional<Path> pathFirst) throws Exception {
    // Outside the temporary folder: JUnit warns of every link it deletes.
    Path basics = Path.of("target", "basic-bin").toAbsolutePath();
    synchronized (BatchScriptTest.class) {
      Files.createDirectories(basics);
      for (String name : BASICS) {
        for (String dir : List.of("/usr/bin", "/bin")) {
          Path p = Path.of(dir, name);
          if (Files.isExecutable(p) && !Files.exists(basics.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(basics.resolve(name), p);
            break;
          }
        }
      }
    }
    ProcessBuilder pb = new ProcessBuilder("/bin/bash", script.toString()).directory(script.getParent().toFile())
        .redirectErrorStream(true).redirectOutput(script.getParent().resolve("script.log").toFile());
    pb.environment().putAll(env);
    pb.environment().put("PATH", pathFirst.map(p -> p + ":").orElse("") + basics);
    Process p = pb.start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the script ended");
    return p.exitValue();
  }

  static Path write(PreparedJob job, String script) throws Exception {
    Files.writeString(job.folder().resolve(BatchScript.ENVIRONMENT_FILE), BatchScript.environmentFile(job.environment()));
    Path file = job.folder().resolve(BatchScript.FILE);
    Files.writeString(file, script);
    return file;
  }

  @Test
  void theScriptRunsTheToolAndRecordsItsExitCode() throws Exception {
    String hostile = "$(touch pwned) `touch pwned2` 'quoted' \"double\" \\ ;&|";
    JobRequest request = JobRequest.builder(Tools.tool("echo [TEXT]; echo \"$GREETING\" >&2; exit 3", null),
        Tools.invocation(Tools.tool("echo [TEXT]; echo \"$GREETING\" >&2; exit 3", null), "{\"text\": \"hi\"}"))
        .environment("GREETING", hostile).build();
    PreparedJob job = prepare(request);
    Path script = write(job, BatchScript.of(List.of(job), "t", JobOptions.DEFAULTS, true));
    assertEquals(3, runScript(script, Map.of(), Optional.empty()));
    assertEquals("3", Files.readString(job.folder().resolve(BatchScript.EXIT_CODE_FILE)).strip());
    assertEquals("hi\n", Files.readString(job.stdoutFile()));
    assertEquals(hostile + "\n", Files.readString(job.stderrFile()));
    assertFalse(Files.exists(job.folder().resolve("pwned")) || Files.exists(job.folder().resolve("pwned2")));
    assertFalse(Files.exists(job.folder().resolve(BatchScript.CONTAINER_COMMAND_FILE)), "ran on the host");
  }

  @Test
  void linksTheToolLeavesAtTheScriptsOwnFileNamesAreNotWrittenThrough() throws Exception {
    Path outside = Files.writeString(base.resolve("outside.txt"), "keep");
    // What a tool in a container (as root) could plant in the folder for the script to write after it.
    String plant = "ln -s " + outside + " .vipb-exit-code.tmp; ln -sf " + outside + " " + JobFolder.STDOUT + "; exit 4";
    Descriptor d = Tools.tool(plant, null);
    PreparedJob job = prepare(d, "{}");
    Path script = write(job, BatchScript.of(List.of(job), "t", JobOptions.DEFAULTS, true));
    assertEquals(4, runScript(script, Map.of(), Optional.empty()));
    assertEquals("keep", Files.readString(outside));
    assertEquals("4", Files.readString(job.folder().resolve(BatchScript.EXIT_CODE_FILE)).strip());
    // An earlier run's links at the logs' names: removed before this run writes them.
    assertEquals(4, runScript(script, Map.of(), Optional.empty()));
    assertEquals("keep", Files.readString(outside));
    assertFalse(Files.isSymbolicLink(job.folder().resolve(BatchScript.EXIT_CODE_FILE)));
  }

  @Test
  void anArrayTaskRunsInItsOwnFolder() throws Exception {
    Descriptor d = Tools.tool("echo [TEXT] > out.txt", null);
    List<PreparedJob> jobs = List.of(prepare(d, "{\"text\": \"zero\"}"), prepare(d, "{\"text\": \"one\"}"));
    Path arrayFolder = Files.createDirectories(base.resolve("array"));
    for (PreparedJob j : jobs) {
      Files.writeString(j.folder().resolve(BatchScript.ENVIRONMENT_FILE), BatchScript.environmentFile(j.environment()));
    }
    Path script = arrayFolder.resolve(BatchScript.FILE);
    Files.writeString(script, BatchScript.of(jobs, "t", JobOptions.DEFAULTS, true));
    assertEquals(0, runScript(script, Map.of("SLURM_ARRAY_TASK_ID", "1"), Optional.empty()));
    assertEquals("one\n", Files.readString(jobs.get(1).folder().resolve("out.txt")));
    assertFalse(Files.exists(jobs.get(0).folder().resolve("out.txt")));
    assertEquals("0", Files.readString(jobs.get(1).folder().resolve(BatchScript.EXIT_CODE_FILE)).strip());
  }

  @Test
  void aFolderThatCannotBeEnteredIsReported() throws Exception {
    PreparedJob job = prepare(Tools.tool("true", null), "{}");
    Path script = write(job, BatchScript.of(List.of(job), "t", JobOptions.DEFAULTS, true));
    Path moved = Files.createDirectories(base.resolve("elsewhere")).resolve(BatchScript.FILE);
    Files.move(script, moved);
    Files.walk(job.folder()).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    assertEquals(BatchScript.SETUP_FAILED, runScript(moved, Map.of(), Optional.empty()));
    assertTrue(Files.readString(moved.resolveSibling("script.log")).contains("vip-boutiques: cannot enter the job folder"));
  }

  static Descriptor containerTool(String type, String image, String gpu) {
    return containerTool(type, image, gpu, "[\"--shm-size=1g\", \"--gpus all\"]");
  }

  static Descriptor containerTool(String type, String image, String gpu, String containerOpts) {
    JsonObject json = Tools.with(Tools.json("echo in-container; echo $GREETING", null), "container-image",
        "{\"type\": \"" + type + "\", \"image\": \"" + image + "\", \"container-opts\": " + containerOpts + "}");
    json = Tools.with(json, "environment-variables", "[{\"name\": \"GREETING\", \"value\": \"hello there\"}]");
    return Tools.load(gpu == null ? json : Tools.with(json, "custom", "{\"vip:gpu\": " + gpu + "}"));
  }

  /** A fake container runtime: records its arguments, then runs the command script on the host. */
  Path fakeRuntime(String name) throws Exception {
    Path bin = Files.createDirectories(base.resolve("fake-bin"));
    Path fake = bin.resolve(name);
    Files.writeString(fake, "#!/bin/bash\nif [ \"$1\" = info ]; then exit 0; fi\n"
        + "printf '%s\\n' \"$@\" > \"$(pwd)/" + name + ".args\"\n"
        + "exec /bin/sh \"${@: -1}\"\n");
    fake.toFile().setExecutable(true);
    return bin;
  }

  @Test
  void dockerRunsTheToolInItsImageWithItsGpusAndEnvironment() throws Exception {
    PreparedJob job = prepare(containerTool("docker", "example/tool:1", "1"), "{}");
    JobRequest withMount = job.request().toBuilder().mount(new Mount(base, "/data", true)).build();
    job = prepare(withMount);
    Path bin = fakeRuntime("docker");
    Path script = write(job, BatchScript.of(List.of(job), "t", JobOptions.DEFAULTS, true));
    assertEquals(0, runScript(script, Map.of("SLURM_JOB_ID", "42", "SLURM_JOB_GPUS", "0,1"), Optional.of(bin)));
    String dir = job.folder().toString();
    List<String> args = Files.readAllLines(job.folder().resolve("docker.args"));
    String uid = new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip();
    String gid = new String(new ProcessBuilder("id", "-g").start().getInputStream().readAllBytes()).strip();
    assertEquals(List.of("run", "--rm", "--name", "vipb-42", "--entrypoint", "/bin/sh", "--user", uid + ":" + gid,
        "-v", dir + ":" + dir, "-w", dir, "-e", "HOME=" + dir, "-e", "GREETING", "-v", base + ":/data:ro", "--gpus",
        "\"device=0,1\"", "--shm-size=1g", "example/tool:1", dir + "/" + JobFolder.SCRIPT), args);
    assertEquals("in-container\nhello there\n", Files.readString(job.stdoutFile()));
    assertTrue(Files.readString(job.folder().resolve(BatchScript.CONTAINER_COMMAND_FILE)).startsWith("docker run --rm"));
  }

  @Test
  void apptainerRunsTheDockerImageWithNv() throws Exception {
    PreparedJob job = prepare(containerTool("docker", "example/tool:1", "1"), "{}");
    Path bin = fakeRuntime("apptainer");
    Path script = write(job, BatchScript.of(List.of(job), "t", JobOptions.DEFAULTS, true));
    assertEquals(0, runScript(script, Map.of(), Optional.of(bin)));
    String dir = job.folder().toString();
    assertEquals(List.of("exec", "--nv", "--bind", dir, "--pwd", dir, "docker://example/tool:1", "/bin/sh",
        dir + "/" + JobFolder.SCRIPT), Files.readAllLines(job.folder().resolve("apptainer.args")));
  }

  @Test
  void withoutARuntimeTheToolRunsOnTheHostAndSaysSo() throws Exception {
    PreparedJob job = prepare(containerTool("docker", "example/tool:1", null), "{}");
    Path script = write(job, BatchScript.of(List.of(job), "t", JobOptions.DEFAULTS, true));
    assertEquals(0, runScript(script, Map.of(), Optional.empty()));
    assertEquals("in-container\nhello there\n", Files.readString(job.stdoutFile()));
    assertTrue(Files.readString(script.resolveSibling("script.log")).contains("no Docker or Apptainer"));
  }

  @Test
  void aRequiredRuntimeThatIsMissingFailsTheJob() throws Exception {
    PreparedJob job = prepare(containerTool("docker", "example/tool:1", null), "{}");
    Path script = write(job, BatchScript.of(List.of(job), "t", JobOptions.from(Map.of("container", "docker"),
        Map.of()), true));
    assertEquals(BatchScript.SETUP_FAILED, runScript(script, Map.of(), Optional.empty()));
    assertFalse(Files.exists(job.folder().resolve(BatchScript.EXIT_CODE_FILE)), "the tool did not run");
  }

  @Test
  void noContainerRunsOnTheHostEvenWithARuntime() throws Exception {
    Descriptor d = containerTool("docker", "example/tool:1", null);
    PreparedJob job = prepare(JobRequest.builder(d, Tools.invocation(d, "{}")).noContainer().build());
    Path bin = fakeRuntime("docker");
    Path script = write(job, BatchScript.of(List.of(job), "t", JobOptions.DEFAULTS, true));
    assertEquals(0, runScript(script, Map.of(), Optional.of(bin)));
    assertFalse(Files.exists(job.folder().resolve("docker.args")));
  }

  @Test
  void aSingularityImageIsNotRunWithDocker() throws Exception {
    PreparedJob job = prepare(containerTool("singularity", "lab/tool.sif", null, "[\"--contain\", \"--gpus all\"]"),
        "{}");
    assertThrows(JobRejectedException.class, () -> BatchScript.of(List.of(job), "t",
        JobOptions.from(Map.of("container", "docker"), Map.of()), true));
    String auto = BatchScript.of(List.of(job), "t", JobOptions.DEFAULTS, true);
    assertFalse(auto.contains("docker run"), auto);
    assertTrue(auto.contains("lab/tool.sif"), auto);
  }

  @Test
  void containerOptionsLoseTheirGpuFlags() {
    assertEquals(List.of("--shm-size=1g", "--ipc=host"), BatchScript.containerOptions(
        List.of("--gpus", "all", "--shm-size=1g", "--runtime=nvidia", "--ipc=host", "--nv", "--gpus=2")));
  }

  @Test
  void containerOptionsThatReachBeyondTheJobFolderNeedTheSetting() throws Exception {
    PreparedJob docker = prepare(containerTool("docker", "example/tool:1", null, "[\"-v /etc:/x:ro\", \"--ipc=host\"]"),
        "{}");
    JobRejectedException e = assertThrows(JobRejectedException.class,
        () -> BatchScript.of(List.of(docker), "t", JobOptions.DEFAULTS, true));
    assertTrue(e.getMessage().contains("\"-v /etc:/x:ro\" mounts a host path into the container, which the slurm executor refuses unless"
        + " its setting container-opts-allow lists host-mounts"), e.getMessage());
    String allowed = BatchScript.of(List.of(docker), "t", JobOptions.DEFAULTS, true,
        Set.of(OptionAllowance.HOST_MOUNTS, OptionAllowance.IPC));
    assertTrue(allowed.contains(" -v /etc:/x:ro --ipc=host example/tool:1 "), allowed);
    // container=apptainer does not pass a Docker image's options: nothing to refuse
    BatchScript.of(List.of(docker), "t", JobOptions.from(Map.of("container", "apptainer"), Map.of()), true);
    PreparedJob sif = prepare(containerTool("singularity", "lab/tool.sif", null, "[\"--contain -B /etc\"]"), "{}");
    e = assertThrows(JobRejectedException.class, () -> BatchScript.of(List.of(sif), "t", JobOptions.DEFAULTS, true));
    assertTrue(e.getMessage().contains("\"-B /etc\" mounts a host path") && e.getMessage().contains("host-mounts"),
        e.getMessage());
    PreparedJob label = prepare(containerTool("docker", "example/tool:1", null, "[\"--label 'a;touch /tmp/x'\"]"),
        "{}");
    e = assertThrows(JobRejectedException.class, () -> BatchScript.of(List.of(label), "t", JobOptions.DEFAULTS, true,
        EnumSet.allOf(OptionAllowance.class)));
    assertTrue(e.getMessage().contains("\"--label\" is not supported by the slurm executor"), e.getMessage());
  }

  @Test
  void containerOptionValuesReachTheRuntimeAsSeparateArgumentsNeverAsShellText() throws Exception {
    Path bin = fakeRuntime("docker");
    String value = "X=a;touch${IFS}pwned;$(touch${IFS}pwned2)`touch${IFS}pwned3`";
    PreparedJob job = prepare(containerTool("docker", "example/tool:1", null,
        "[\"-e '" + value + "'\", \"--network=none\"]"), "{}");
    Path script = write(job, BatchScript.of(List.of(job), "t", JobOptions.DEFAULTS, true));
    assertEquals(0, runScript(script, Map.of("SLURM_JOB_ID", "7"), Optional.of(bin)));
    List<String> args = Files.readAllLines(job.folder().resolve("docker.args"));
    int at = args.indexOf(value) - 1;
    assertEquals(List.of("-e", value, "--network=none", "example/tool:1"), args.subList(at, at + 4), args.toString());
    PreparedJob sif = prepare(containerTool("singularity", "/images/tool.sif", null,
        "[\"--env '" + value + "'\", \"--no-home\"]"), "{}");
    Path apptainer = fakeRuntime("apptainer");
    script = write(sif, BatchScript.of(List.of(sif), "t", JobOptions.DEFAULTS, true));
    assertEquals(0, runScript(script, Map.of(), Optional.of(apptainer)));
    List<String> sifArgs = Files.readAllLines(sif.folder().resolve("apptainer.args"));
    assertEquals(List.of("--env", value, "--no-home", "/images/tool.sif"),
        sifArgs.subList(sifArgs.indexOf("--env"), sifArgs.indexOf("--env") + 4), sifArgs.toString());
    for (Path folder : List.of(job.folder(), sif.folder(), base)) {
      try (var files = Files.list(folder)) {
        assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("pwned")), "nothing ran in " + folder);
      }
    }
  }
}
