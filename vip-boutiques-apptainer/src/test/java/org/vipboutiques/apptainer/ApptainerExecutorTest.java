package org.vipboutiques.apptainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.gpu.GpuPool;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.testing.gpus.FakeNvidiaSmi;

/**
 * Apptainer cannot be installed here; a stand-in {@code apptainer} records its arguments and
 * environment and runs the command it is given, so the command line the executor builds and the
 * whole run path are real.
 */
class ApptainerExecutorTest {

  @TempDir
  Path dir;

  Path fakeApptainer() throws Exception {
    Path fake = dir.resolve("bin/apptainer");
    Files.createDirectories(fake.getParent());
    Files.writeString(fake, "#!/bin/sh\n"
        + "log=\"" + dir.resolve("calls.log") + "\"\n"
        + "printf '%s\\n' \"$*\" >> \"$log\"\n"
        + "env | grep -E '^(APPTAINERENV|SINGULARITYENV)_' | sort >> \"$log\"\n"
        + "if [ \"$1\" = pull ]; then echo image > \"$3\"; exit 0; fi\n"
        + "while [ $# -gt 2 ]; do shift; done\n"
        + "exec \"$1\" \"$2\"\n");
    fake.toFile().setExecutable(true);
    Files.createDirectories(dir.resolve("images"));
    return fake;
  }

  Descriptor tool(String container) {
    JsonObject json = Fixtures.descriptorJson("echo in container [A]",
        "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"File\", \"value-key\": \"[A]\"}]", null, null)
        .with("container-image", Fixtures.json(container))
        .with("environment-variables", Fixtures.json("{\"e\": [{\"name\": \"MODE\", \"value\": \"fast\"}]}")
            .members().get("e"))
        .with("custom", Fixtures.json("{\"vip:gpu\": {\"count\": 1}}"));
    try {
      return Fixtures.BOUTIQUES.load(json, "t");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void buildsTheReferenceCommandWithNvAndRunsIt() throws Exception {
    Path fake = fakeApptainer();
    Path input = Files.writeString(dir.resolve("data.txt"), "x");
    Files.writeString(dir.resolve("images/vip-tool-1.0.simg"), "an image");
    Descriptor d = tool("{\"type\": \"singularity\", \"image\": \"vip/tool:1.0\", \"container-opts\": [\"--contain\"]}");
    try (JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("apptainer").baseDirectory(dir.resolve("jobs"))
        .setting("binary", fake.toString()).setting("image-dir", dir.resolve("images").toString()).build())) {
      JobResult r = executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d,
          Fixtures.json("{\"a\": \"" + input + "\"}"))).build()).await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      assertEquals("in container " + input + "\n", r.stdoutTail());
      List<String> log = Files.readAllLines(dir.resolve("calls.log"));
      String folder = r.workDirectory().toString();
      assertEquals("exec --cleanenv -B " + folder + ":" + folder + " -B " + input.toRealPath() + ":"
          + input.toRealPath() + ":ro -W " + folder + " --pwd " + folder + " --nv --contain "
          + dir.resolve("images/vip-tool-1.0.simg") + " /bin/sh " + folder + "/.vipb-command.sh", log.get(0));
      assertTrue(log.contains("SINGULARITYENV_MODE=fast") && log.contains("APPTAINERENV_MODE=fast"), log.toString());
      assertTrue(r.containerCommand().orElseThrow().startsWith("SINGULARITYENV_MODE=fast " + fake + " exec"));
    }
  }

  @Test
  void containerOptionsAreCheckedAgainstTheSamePolicyBeforeAnyFolder() throws Exception {
    Path fake = fakeApptainer();
    Path input = Files.writeString(dir.resolve("data.txt"), "x");
    Files.writeString(dir.resolve("images/vip-tool-1.0.simg"), "an image");
    String value = "X=a;touch${IFS}pwned;$(touch${IFS}pwned2)`touch${IFS}pwned3`*";
    Descriptor d = tool("{\"type\": \"singularity\", \"image\": \"vip/tool:1.0\", \"container-opts\":"
        + " [\"--no-home -B /etc:/hostetc:ro\", \"--env '" + value + "'\"]}");
    ExecutorConfig.Builder config = ExecutorConfig.builder("apptainer").baseDirectory(dir.resolve("jobs"))
        .setting("binary", fake.toString()).setting("image-dir", dir.resolve("images").toString());
    try (JobExecutor executor = JobExecutors.create(config.build())) {
      JobRejectedException e = assertThrows(JobRejectedException.class, () -> executor.submit(JobRequest.builder(d,
          Fixtures.BOUTIQUES.invocation(d, Fixtures.json("{\"a\": \"" + input + "\"}"))).build()));
      assertTrue(e.getMessage().contains("\"-B /etc:/hostetc:ro\" mounts a host path into the container, which the apptainer executor"
          + " refuses unless its setting container-opts-allow lists host-mounts"), e.getMessage());
    }
    assertFalse(Files.exists(dir.resolve("jobs")) && Files.list(dir.resolve("jobs")).findAny().isPresent(),
        "no job folder made");
    assertFalse(Files.exists(dir.resolve("calls.log")), "apptainer not run");
    try (JobExecutor executor = JobExecutors.create(config.setting("container-opts-allow", "host-mounts").build())) {
      JobResult r = executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d,
          Fixtures.json("{\"a\": \"" + input + "\"}"))).build()).await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      String call = Files.readAllLines(dir.resolve("calls.log")).get(0);
      assertTrue(call.contains(" --nv --no-home -B /etc:/hostetc:ro --env " + value + " "), call);
      try (var files = Files.walk(dir)) {
        assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("pwned")), "nothing ran");
      }
    }
    var bad = assertThrows(ExecutorUnavailableException.class,
        () -> JobExecutors.create(config.setting("container-opts-allow", "bind").build()));
    assertTrue(bad.getMessage().contains("container-opts-allow cannot list \"bind\""), bad.getMessage());
  }

  @Test
  void dockerImagesArePulledOnceIntoTheImageFolder() throws Exception {
    Path fake = fakeApptainer();
    Path input = Files.writeString(dir.resolve("data.txt"), "x");
    Descriptor d = tool("{\"type\": \"docker\", \"image\": \"vip/tool:2\"}");
    try (JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("apptainer").baseDirectory(dir.resolve("jobs"))
        .setting("binary", fake.toString()).setting("image-dir", dir.resolve("images").toString()).build())) {
      for (int i = 0; i < 2; i++) {
        JobResult r = executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d,
            Fixtures.json("{\"a\": \"" + input + "\"}"))).build()).await();
        assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      }
    }
    List<String> pulls = Files.readAllLines(dir.resolve("calls.log")).stream().filter(l -> l.startsWith("pull")).toList();
    assertEquals(List.of("pull --name vip-tool-2.simg.tmp docker://vip/tool:2"), pulls);
    assertTrue(Files.exists(dir.resolve("images/vip-tool-2.simg")));
  }

  @Test
  void withoutApptainerTheExecutorSaysSo() {
    org.junit.jupiter.api.Assumptions.assumeTrue(ApptainerExecutorFactory.onPath("apptainer").isEmpty()
        && ApptainerExecutorFactory.onPath("singularity").isEmpty(), "Apptainer is installed here");
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class,
        () -> JobExecutors.create(ExecutorConfig.of("apptainer")));
    assertTrue(e.getMessage().contains("neither apptainer nor singularity is on the PATH"), e.getMessage());
  }

  @Test
  void theDevicesOfThePoolReachTheContainerThroughItsEnvironment() throws Exception {
    Path fake = fakeApptainer();
    Path input = Files.writeString(dir.resolve("data.txt"), "x");
    Files.writeString(dir.resolve("images/vip-tool-1.0.simg"), "an image");
    Path smi = FakeNvidiaSmi.write(dir.resolve("smi"), FakeNvidiaSmi.Machine.FOUR_A100).resolve("nvidia-smi");
    System.setProperty("vipboutiques.nvidia-smi", smi.toString());
    System.setProperty(GpuPool.DIRECTORY_PROPERTY, dir.resolve("locks").toString());
    Descriptor d = tool("{\"type\": \"singularity\", \"image\": \"vip/tool:1.0\"}");
    try (JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("apptainer").baseDirectory(dir.resolve("jobs"))
        .setting("binary", fake.toString()).setting("image-dir", dir.resolve("images").toString()).build())) {
      JobResult r = executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d,
          Fixtures.json("{\"a\": \"" + input + "\"}"))).build()).await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      List<String> log = Files.readAllLines(dir.resolve("calls.log"));
      assertTrue(log.contains("APPTAINERENV_CUDA_VISIBLE_DEVICES=0") && log.contains("SINGULARITYENV_CUDA_VISIBLE_DEVICES=0")
          && log.contains("APPTAINERENV_CUDA_DEVICE_ORDER=PCI_BUS_ID"), log.toString());
    } finally {
      System.clearProperty("vipboutiques.nvidia-smi");
      System.clearProperty(GpuPool.DIRECTORY_PROPERTY);
    }
  }
}
