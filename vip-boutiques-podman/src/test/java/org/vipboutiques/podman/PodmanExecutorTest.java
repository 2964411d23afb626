package org.vipboutiques.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.container.ContainerLabels;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.testing.conditions.EnabledIfPodman;

/** The podman executor against a real Podman. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@EnabledIfPodman
class PodmanExecutorTest {

  @TempDir
  Path base;

  JobExecutor executor;

  @BeforeEach
  void open() throws Exception {
    executor = JobExecutors.create(PodmanEngine.config(base).build());
  }

  @AfterEach
  void close() {
    if (executor != null) {
      executor.close();
    }
  }

  /** A tool in the test image with one optional String input [A], one optional File input [F], and the given extras. */
  static Descriptor tool(String commandLine, String extra) {
    JsonObject json = Fixtures.descriptorJson(commandLine,
        "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"value-key\": \"[A]\", \"optional\": true},"
            + " {\"id\": \"f\", \"name\": \"f\", \"type\": \"File\", \"value-key\": \"[F]\", \"optional\": true}]",
        null, null);
    json = json.with("command-line", new org.vipboutiques.json.JsonString(commandLine + " [A] [F]"));
    JsonObject container = Fixtures.json("{\"type\": \"docker\", \"image\": \"" + PodmanEngine.TEST_IMAGE + "\"}");
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

  /** This test's containers (other test runs may share the service). */
  List<String> ourContainers() throws Exception {
    return PodmanEngine.containersUnder(base);
  }

  /** A variable of this process whose value a shell prints as is. */
  static String callerVariable() {
    return System.getenv().entrySet().stream().filter(e -> e.getKey().matches("[A-Z][A-Z0-9_]*")
        && !List.of("HOME", "PATH", "PWD", "SHELL", "USER").contains(e.getKey())
        && e.getValue().matches("[A-Za-z0-9/:._-]{1,100}")).map(java.util.Map.Entry::getKey).sorted().findFirst()
        .orElseThrow(() -> new AssertionError("no environment variable to copy"));
  }

  @Test
  void runsInTheContainerAsTheCallingUserInTheJobFolder() throws Exception {
    Descriptor d = tool("id -u > uid.txt; id -g >> uid.txt; pwd; head -1 /etc/passwd; echo $HOME;", null);
    JobResult r = submit(d, "{}").await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals(r.workDirectory() + "\nroot:x:0:0:root:/root:/bin/sh\n" + r.workDirectory() + "\n", r.stdoutTail());
    com.sun.security.auth.module.UnixSystem unix = new com.sun.security.auth.module.UnixSystem();
    assertEquals(unix.getUid() + "\n" + unix.getGid(), Files.readString(r.workDirectory().resolve("uid.txt")).trim());
    String command = r.containerCommand().orElseThrow();
    assertTrue(command.contains(" run --rm --name vipb-") && command.contains(" --user " + unix.getUid() + ":"
        + unix.getGid()), command);
  }

  @Test
  void fileInputsAreMountedReadOnly(@TempDir Path data) throws Exception {
    Path input = Files.writeString(data.resolve("in.txt"), "payload");
    JobResult r = submit(tool("cat", null), "{\"f\": \"" + input + "\"}").await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("payload", r.stdoutTail());
    JobResult w = submit(tool("echo x >", null), "{\"f\": \"" + input + "\"}").await();
    assertEquals(JobState.FAILED, w.state(), "the input cannot be written: " + w);
    assertEquals("payload", Files.readString(input));
  }

  @Test
  void theToolsExitCodeIsReportedEven125() throws Exception {
    JobResult r = submit(tool("exit 7;", null), "{}").await();
    assertEquals(JobState.FAILED, r.state());
    assertEquals(7, r.exitCode().orElseThrow());
    JobResult p = submit(tool("echo 'not podman' >&2; exit 125;", null), "{}").await();
    assertEquals(125, p.exitCode().orElseThrow(), p.toString());
    assertTrue(p.failure().isEmpty() || !p.failure().get().startsWith("podman refused"), p.toString());
  }

  @Test
  void limitsFromSuggestedResourcesAreSet() throws Exception {
    // cgroup v1 and v2 name the memory limit differently; either file holds it
    Descriptor d = tool("cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/memory.max 2>/dev/null; true;",
        "{\"suggested-resources\": {\"cpu-cores\": 1, \"ram\": 0.25}}");
    JobResult r = submit(d, "{}").await();
    assertTrue(r.containerCommand().orElseThrow().contains("--cpus=1 --memory=268435456"), r.toString());
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("268435456", r.stdoutTail().strip());
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
        .timeout(Duration.ofSeconds(2)).build()).await();
    assertEquals(JobState.FAILED, t.state());
    assertTrue(t.failure().orElseThrow().contains("timed out"), t.toString());
    assertTrue(ourContainers().isEmpty(), "no container left: " + ourContainers());
  }

  @Test
  void containerOptionsAreTranslatedOrRefused() throws Exception {
    Descriptor ok = tool("echo $GREETING; df -k /dev/shm | tail -1 | awk '{print $2}';",
        "{\"container-image\": {\"type\": \"docker\", \"image\": \"" + PodmanEngine.TEST_IMAGE + "\","
            + " \"container-opts\": [\"-e GREETING=hi\", \"--shm-size=128m\", \"--ipc\", \"private\"]}}");
    JobResult r = submit(ok, "{}").await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("hi\n131072\n", r.stdoutTail());
    Descriptor bad = tool("true;", "{\"container-image\": {\"type\": \"docker\", \"image\": \"" + PodmanEngine.TEST_IMAGE
        + "\", \"container-opts\": [\"--privileged\"]}}");
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> submit(bad, "{}"));
    assertTrue(e.getMessage().startsWith("container-opts: \"--privileged\" gives the container every capability and"
        + " device of the host, which the podman executor refuses unless its setting container-opts-allow lists"
        + " privileged;"), e.getMessage());
    Descriptor other = tool("true;", "{\"container-image\": {\"type\": \"docker\", \"image\": \""
        + PodmanEngine.TEST_IMAGE + "\", \"container-opts\": [\"--cap-add\", \"SYS_ADMIN\"]}}");
    JobRejectedException unsupported = assertThrows(JobRejectedException.class, () -> submit(other, "{}"));
    assertTrue(unsupported.getMessage().startsWith("container-opts: \"--cap-add\" is not supported by the podman"
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
        + " \"docker\", \"image\": \"" + PodmanEngine.TEST_IMAGE + "\", \"container-opts\": [\"-e " + variable
        + "\", \"-v " + data + ":/vipb-host:ro\"]}}");
    JobRejectedException env = assertThrows(JobRejectedException.class, () -> submit(reach, "{}"));
    assertEquals("container-opts: \"-e " + variable + "\" copies a variable of the calling process into the"
        + " container, which the podman executor refuses unless its setting container-opts-allow lists caller-env;"
        + " remove it from the descriptor, or allow it (container-opts-allow=caller-env) if you trust the tool",
        env.getMessage());
    executor.close();
    executor = JobExecutors.create(PodmanEngine.config(base).setting("container-opts-allow", "caller-env").build());
    JobRejectedException mount = assertThrows(JobRejectedException.class, () -> submit(reach, "{}"));
    assertTrue(mount.getMessage().startsWith("container-opts: \"-v " + data + ":/vipb-host:ro\" mounts a host path"
        + " into the container, which the podman executor refuses unless its setting container-opts-allow lists"
        + " host-mounts;"), mount.getMessage());
    executor.close();
    executor = JobExecutors.create(PodmanEngine.config(base).setting("container-opts-allow", "caller-env,host-mounts")
        .build());
    JobResult r = submit(reach, "{}").await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals(System.getenv(variable) + "\nfrom the host", r.stdoutTail());
    Descriptor host = tool("true;", "{\"container-image\": {\"type\": \"docker\", \"image\": \""
        + PodmanEngine.TEST_IMAGE + "\", \"container-opts\": [\"--network host\"]}}");
    JobRejectedException network = assertThrows(JobRejectedException.class, () -> submit(host, "{}"));
    assertTrue(network.getMessage().contains("container-opts-allow=network"), network.getMessage());
  }

  /** A host device named in container-opts reaches the container once container-opts-allow lists devices. */
  @Test
  void aHostDeviceIsGivenOnlyWhenAllowed() throws Exception {
    Descriptor d = tool("test -c /dev/vipb-null && echo device;", "{\"container-image\": {\"type\": \"docker\","
        + " \"image\": \"" + PodmanEngine.TEST_IMAGE + "\", \"container-opts\": [\"--device /dev/null:/dev/vipb-null\"]}}");
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> submit(d, "{}"));
    assertTrue(e.getMessage().startsWith("container-opts: \"--device /dev/null:/dev/vipb-null\" gives the container a"
        + " host device, which the podman executor refuses unless its setting container-opts-allow lists devices;"),
        e.getMessage());
    executor.close();
    executor = JobExecutors.create(PodmanEngine.config(base).setting("container-opts-allow", "devices").build());
    JobResult r = submit(d, "{}").await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("device\n", r.stdoutTail());
  }

  @Test
  void containersAreLabelledWithTheJvmThatMadeThem() throws Exception {
    Job job = submit(tool("sleep 30;", null), "{}");
    long pid = ProcessHandle.current().pid();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    List<String> mine = List.of();
    while (mine.isEmpty() && System.nanoTime() < deadline) {
      mine = PodmanEngine.containers(ContainerLabels.PID, Long.toString(pid));
      Thread.sleep(100);
    }
    assertEquals(List.of(job.id()), mine);
    job.cancel();
    assertEquals(JobState.CANCELLED, job.await().state());
  }

  @Test
  void aMissingImageIsSaidPlainly() throws Exception {
    Descriptor d = tool("true;", "{\"container-image\": {\"type\": \"docker\", \"image\": \"vipb-no-such-image:1\"}}");
    JobResult r = submit(d, "{}").await();
    assertEquals(JobState.FAILED, r.state());
    assertTrue(r.failure().orElseThrow().startsWith("the image vipb-no-such-image:1 is not in the Podman service at "),
        r.toString());
    assertTrue(r.exitCode().isEmpty(), "podman's 125 is not the tool's: " + r);
  }

  @Test
  void manyJobsSomeKilledLeaveNothingBehind() throws Exception {
    List<Job> jobs = new ArrayList<>();
    Descriptor d = tool("echo $$; sleep 0.2;", null);
    Descriptor slow = tool("sleep 30;", null);
    for (int i = 0; i < 12; i++) {
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
    assertTrue(ourContainers().isEmpty(), "no container left: " + ourContainers());
  }
}
