package org.vipboutiques.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Files;
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
import org.vipboutiques.execution.container.ContainerLabels;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.testing.conditions.EnabledIfDocker;

/** The docker executor against a real Docker engine. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@EnabledIfDocker
class DockerExecutorTest {

  @TempDir
  Path base;

  JobExecutor executor;

  @BeforeEach
  void open() throws Exception {
    executor = JobExecutors.create(config().build());
  }

  ExecutorConfig.Builder config() {
    return ExecutorConfig.builder("docker").baseDirectory(base).setting("docker-host", DockerEngine.host())
        .setting("pull", "never");
  }

  @AfterEach
  void close() {
    if (executor != null) {
      executor.close();
    }
  }

  /** A tool in the test image with one optional String input [A] and the given extras. */
  static Descriptor tool(String commandLine, String extra) {
    JsonObject json = Fixtures.descriptorJson(commandLine,
        "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"value-key\": \"[A]\", \"optional\": true},"
            + " {\"id\": \"f\", \"name\": \"f\", \"type\": \"File\", \"value-key\": \"[F]\", \"optional\": true}]",
        null, null);
    json = json.with("command-line", new org.vipboutiques.json.JsonString(commandLine + " [A] [F]"));
    JsonObject container = Fixtures.json("{\"type\": \"docker\", \"image\": \"" + DockerEngine.TEST_IMAGE + "\"}");
    if (extra != null) {
      JsonObject more = Fixtures.json(extra);
      for (var e : more.members().entrySet()) {
        if (e.getKey().equals("container-image")) {
          container = (JsonObject) e.getValue();
        } else {
          json = json.with(e.getKey(), e.getValue());
        }
      }
    }
    json = json.with("container-image", container);
    try {
      return Fixtures.BOUTIQUES.load(json, "test");
    } catch (Exception e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  Job submit(Descriptor d, String invocation) throws Exception {
    return executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, Fixtures.json(invocation))).build());
  }

  DockerClient client() throws Exception {
    return new DockerConnection(config().build()).client();
  }

  /**
   * This test's containers: made by this JVM for a job under this test's folder. Not every labelled
   * container of the engine: other test runs may share it.
   */
  List<String> ourContainers() throws Exception {
    String under = base.toRealPath() + "/";
    return client().listContainersCmd().withShowAll(true).withLabelFilter(ContainerLabels.ofThisJvm()).exec().stream()
        .filter(c -> c.getLabels() != null && c.getLabels().getOrDefault(ContainerLabels.FOLDER, "").startsWith(under))
        .map(c -> c.getId()).toList();
  }

  /** A variable of this process whose value a shell prints as is. */
  static String callerVariable() {
    return System.getenv().entrySet().stream().filter(e -> e.getKey().matches("[A-Z][A-Z0-9_]*")
        && !List.of("HOME", "PATH", "PWD", "SHELL", "USER").contains(e.getKey())
        && e.getValue().matches("[A-Za-z0-9/:._-]{1,100}")).map(Map.Entry::getKey).sorted().findFirst()
        .orElseThrow(() -> new AssertionError("no environment variable to copy"));
  }

  @Test
  void runsInTheContainerAsTheCallingUserInTheJobFolder() throws Exception {
    Descriptor d = tool("id -u > uid.txt; pwd; cat /etc/passwd | head -1; echo", null);
    JobResult r = submit(d, "{}").await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals(r.workDirectory() + "\nroot:x:0:0:root:/root:/bin/sh\n\n", r.stdoutTail());
    long uid = new com.sun.security.auth.module.UnixSystem().getUid();
    assertEquals(Long.toString(uid), Files.readString(r.workDirectory().resolve("uid.txt")).trim());
    assertTrue(r.containerCommand().orElseThrow().startsWith("docker run --rm --entrypoint=/bin/sh"));
  }

  @Test
  void fileInputsAreMountedReadOnly(@TempDir Path data) throws Exception {
    Path input = Files.writeString(data.resolve("in.txt"), "payload");
    Descriptor d = tool("cat", null);
    JobResult r = submit(d, "{\"f\": \"" + input + "\"}").await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("payload", r.stdoutTail());
    Descriptor writer = tool("echo x >", null);
    JobResult w = submit(writer, "{\"f\": \"" + input + "\"}").await();
    assertEquals(JobState.FAILED, w.state(), "the input cannot be written: " + w);
    assertEquals("payload", Files.readString(input));
  }

  /** Docker 20.10's follow of a log never delivers a last line without a newline. */
  @Test
  void aLastLineWithoutNewlineReachesTheResult() throws Exception {
    JobResult r = submit(tool("echo first; sleep 1; printf %s", null), "{\"a\": \"last\"}").await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("first\nlast", r.stdoutTail());
    assertEquals("first\nlast", Files.readString(r.stdoutFile()));
  }

  @Test
  void theToolsExitCodeIsReported() throws Exception {
    JobResult r = submit(tool("exit 7;", null), "{}").await();
    assertEquals(JobState.FAILED, r.state());
    assertEquals(7, r.exitCode().orElseThrow());
  }

  @Test
  void cancelAndTimeoutStopTheContainerAndRemoveIt() throws Exception {
    Job job = submit(tool("echo up; sleep 60;", null), "{}");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (job.status().state() != JobState.RUNNING && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(job.cancel());
    assertEquals(JobState.CANCELLED, job.await().state());
    Descriptor slow = tool("sleep 60;", null);
    JobResult t = executor.submit(JobRequest.builder(slow, Fixtures.BOUTIQUES.invocation(slow, JsonObject.EMPTY))
        .timeout(Duration.ofSeconds(1)).build()).await();
    assertEquals(JobState.FAILED, t.state());
    assertTrue(t.failure().orElseThrow().contains("timed out"), t.toString());
    assertTrue(ourContainers().isEmpty(), "no container left");
  }

  @Test
  void aRequiredGpuOnAnEngineWithoutNvidiaIsOneClearSentence() throws Exception {
    Descriptor d = tool("nvidia-smi;", "{\"custom\": {\"vip:gpu\": {\"count\": 1}}}");
    JobResult r = submit(d, "{}").await();
    assertEquals(JobState.FAILED, r.state());
    assertEquals(DockerErrors.NO_NVIDIA_RUNTIME, r.failure().orElseThrow());
    assertTrue(ourContainers().isEmpty(), "no container left");
  }

  @Test
  void aPreferredGpuFallsBackToTheCpu() throws Exception {
    Descriptor d = tool("echo ran on cpu;", "{\"custom\": {\"vip:gpu\": {\"count\": 1, \"policy\": \"preferred\"}}}");
    JobResult r = submit(d, "{}").await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertFalse(r.containerCommand().orElseThrow().contains("--gpus"), r.containerCommand().toString());
  }

  @Test
  void containerOptionsAreTranslatedOrRefused() throws Exception {
    Descriptor ok = tool("echo $GREETING; df -k /dev/shm | tail -1 | awk '{print $2}';",
        "{\"container-image\": {\"type\": \"docker\", \"image\": \"" + DockerEngine.TEST_IMAGE + "\","
            + " \"container-opts\": [\"-e GREETING=hi\", \"--shm-size=128m\", \"--ipc\", \"private\"]}}");
    JobResult r = submit(ok, "{}").await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("hi\n131072\n", r.stdoutTail());
    Descriptor bad = tool("true;", "{\"container-image\": {\"type\": \"docker\", \"image\": \"" + DockerEngine.TEST_IMAGE
        + "\", \"container-opts\": [\"--privileged\"]}}");
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> submit(bad, "{}"));
    assertTrue(e.getMessage().startsWith("container-opts: \"--privileged\" gives the container every capability and"
        + " device of the host, which the docker executor refuses unless its setting container-opts-allow lists"
        + " privileged;"), e.getMessage());
    Descriptor other = tool("true;", "{\"container-image\": {\"type\": \"docker\", \"image\": \""
        + DockerEngine.TEST_IMAGE + "\", \"container-opts\": [\"--cap-add\", \"SYS_ADMIN\"]}}");
    JobRejectedException unsupported = assertThrows(JobRejectedException.class, () -> submit(other, "{}"));
    assertTrue(unsupported.getMessage().startsWith("container-opts: \"--cap-add\" is not supported by the docker"
        + " executor"), unsupported.getMessage());
  }

  /**
   * The caller's variables (a token) and host paths reach a container only where the executor's
   * container-opts-allow setting says so: refused by default with the line that names the setting.
   */
  @Test
  void containerOptionsThatReachBeyondTheJobFolderNeedTheSetting(@TempDir Path data) throws Exception {
    Files.writeString(data.resolve("host.txt"), "from the host");
    String variable = callerVariable();
    Descriptor reach = tool("echo $" + variable + "; cat /vipb-host/host.txt;", "{\"container-image\": {\"type\":"
        + " \"docker\", \"image\": \"" + DockerEngine.TEST_IMAGE + "\", \"container-opts\": [\"-e " + variable
        + "\", \"-v " + data + ":/vipb-host:ro\"]}}");
    JobRejectedException env = assertThrows(JobRejectedException.class, () -> submit(reach, "{}"));
    assertEquals("container-opts: \"-e " + variable + "\" copies a variable of the calling process into the"
        + " container, which the docker executor refuses unless its setting container-opts-allow lists caller-env;"
        + " remove it from the descriptor, or allow it (container-opts-allow=caller-env) if you trust the tool",
        env.getMessage());
    executor.close();
    executor = JobExecutors.create(config().setting("container-opts-allow", "caller-env").build());
    JobRejectedException mount = assertThrows(JobRejectedException.class, () -> submit(reach, "{}"));
    assertTrue(mount.getMessage().startsWith("container-opts: \"-v " + data + ":/vipb-host:ro\" mounts a host path"
        + " into the container, which the docker executor refuses unless its setting container-opts-allow lists"
        + " host-mounts;"), mount.getMessage());
    executor.close();
    executor = JobExecutors.create(config().setting("container-opts-allow", "caller-env,host-mounts").build());
    JobResult r = submit(reach, "{}").await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals(System.getenv(variable) + "\nfrom the host", r.stdoutTail());
    Descriptor host = tool("true;", "{\"container-image\": {\"type\": \"docker\", \"image\": \""
        + DockerEngine.TEST_IMAGE + "\", \"container-opts\": [\"--network host\"]}}");
    JobRejectedException network = assertThrows(JobRejectedException.class, () -> submit(host, "{}"));
    assertTrue(network.getMessage().contains("container-opts-allow=network"), network.getMessage());
  }

  /** A host device named in container-opts reaches the container once container-opts-allow lists devices. */
  @Test
  void aHostDeviceIsGivenOnlyWhenAllowed() throws Exception {
    Descriptor d = tool("test -c /dev/vipb-null && echo device;", "{\"container-image\": {\"type\": \"docker\","
        + " \"image\": \"" + DockerEngine.TEST_IMAGE + "\", \"container-opts\": [\"--device /dev/null:/dev/vipb-null\"]}}");
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> submit(d, "{}"));
    assertTrue(e.getMessage().startsWith("container-opts: \"--device /dev/null:/dev/vipb-null\" gives the container a"
        + " host device, which the docker executor refuses unless its setting container-opts-allow lists devices;"),
        e.getMessage());
    executor.close();
    executor = JobExecutors.create(config().setting("container-opts-allow", "devices").build());
    JobResult r = submit(d, "{}").await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("device\n", r.stdoutTail());
  }

  @Test
  void aMissingImageIsSaidPlainly() throws Exception {
    Descriptor d = tool("true;", "{\"container-image\": {\"type\": \"docker\", \"image\": \"vipb-no-such-image:1\"}}");
    JobResult r = submit(d, "{}").await();
    assertEquals(JobState.FAILED, r.state());
    assertTrue(r.failure().orElseThrow().contains("vipb-no-such-image:1 is not on this Docker engine"),
        r.failure().toString());
  }

  @Test
  void manyJobsSomeKilledLeaveNothingBehind() throws Exception {
    List<Job> jobs = new ArrayList<>();
    Descriptor d = tool("echo $$; sleep 0.2;", null);
    Descriptor slow = tool("sleep 30;", null);
    for (int i = 0; i < 24; i++) {
      jobs.add(submit(i % 4 == 0 ? slow : d, "{}"));
    }
    Thread.sleep(1000);
    for (int i = 0; i < jobs.size(); i += 4) {
      jobs.get(i).cancel();
    }
    for (int i = 0; i < jobs.size(); i++) {
      JobResult r = jobs.get(i).await();
      assertEquals(i % 4 == 0 ? JobState.CANCELLED : JobState.SUCCEEDED, r.state(), "job " + i + ": " + r);
    }
    assertTrue(ourContainers().isEmpty(), "no container left");
  }
}
