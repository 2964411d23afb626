package org.vipboutiques.execution.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.Mount;

/** container-opts read the same for every container back end, and what they may do beyond the job folder. */
class ContainerOptionsTest {

  static final Set<OptionAllowance> NONE = Set.of();

  static ContainerOptions parse(String... options) throws JobRejectedException {
    return ContainerOptions.parse(List.of(options), NONE, "test");
  }

  @Test
  void supportedOptionsBecomeFields() throws Exception {
    ContainerOptions o = parse("-e A=1 --shm-size=1g", "--device nvidia.com/gpu=0", "--network none -u 1000:1000",
        "--runtime=nvidia", "--ipc", "private", "--gpus \"device=0,1\"");
    assertEquals(Map.of("A", "1"), o.environment());
    assertEquals(Optional.of(1L << 30), o.shmSizeBytes());
    assertEquals(List.of("nvidia.com/gpu=0"), o.devices());
    assertEquals(Optional.of("none"), o.network());
    assertEquals(Optional.of("1000:1000"), o.user());
    assertEquals(Optional.of("nvidia"), o.runtime());
    assertEquals(Optional.of("private"), o.ipc());
    assertEquals(Optional.of("device=0,1"), o.gpus());
    assertEquals(ContainerOptions.NONE, parse());
  }

  @Test
  void anythingElseIsRefusedByName() {
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> parse("--cap-add SYS_ADMIN"));
    assertTrue(e.getMessage().startsWith("container-opts: \"--cap-add\" is not supported by the test executor"),
        e.getMessage());
    JobRejectedException runtime = assertThrows(JobRejectedException.class, () -> parse("--runtime=crun"));
    assertTrue(runtime.getMessage().startsWith("container-opts: \"--runtime crun\" is not supported"),
        runtime.getMessage());
    JobRejectedException bare = assertThrows(JobRejectedException.class, () -> parse("--shm-size"));
    assertEquals("container-opts: \"--shm-size\" needs a value", bare.getMessage());
  }

  /** Each option that reaches beyond the job folder, refused with one line naming it and the setting that allows it. */
  @Test
  void whatReachesBeyondTheJobFolderIsRefusedUnlessAllowed() throws Exception {
    Map<String, OptionAllowance> cases = Map.of(
        "-e VIPB_SOME_TOKEN", OptionAllowance.CALLER_ENV,
        "--env=VIPB_SOME_TOKEN", OptionAllowance.CALLER_ENV,
        "-v /etc:/host-etc:ro", OptionAllowance.HOST_MOUNTS,
        "--device /dev/fuse", OptionAllowance.DEVICES,
        "--network host", OptionAllowance.NETWORK,
        "--net=container:other", OptionAllowance.NETWORK,
        "--ipc host", OptionAllowance.IPC,
        "--pid host", OptionAllowance.PID,
        "--privileged", OptionAllowance.PRIVILEGED);
    for (var c : cases.entrySet()) {
      JobRejectedException e = assertThrows(JobRejectedException.class, () -> parse(c.getKey()), c.getKey());
      String allow = "container-opts-allow=" + c.getValue().settingValue();
      assertTrue(e.getMessage().startsWith("container-opts: \"" + c.getKey() + "\" " + c.getValue().what()
          + ", which the test executor refuses unless its setting container-opts-allow lists "), e.getMessage());
      assertTrue(e.getMessage().contains(allow), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
      ContainerOptions.parse(List.of(c.getKey()), EnumSet.of(c.getValue()), "test");
      Set<OptionAllowance> others = EnumSet.complementOf(EnumSet.of(c.getValue()));
      assertThrows(JobRejectedException.class, () -> ContainerOptions.parse(List.of(c.getKey()), others, "test"),
          "only " + c.getValue() + " allows " + c.getKey());
    }
    ContainerOptions all = ContainerOptions.parse(List.of("-v /etc:/host-etc:ro --pid=host --privileged"),
        EnumSet.allOf(OptionAllowance.class), "test");
    assertEquals(List.of(new Mount(java.nio.file.Path.of("/etc"), "/host-etc", true)), all.mounts());
    assertEquals(Optional.of("host"), all.pid());
    assertTrue(all.privileged());
  }

  @Test
  void whatStaysInsideTheContainerNeedsNoAllowance() throws Exception {
    parse("-e A=1", "--network none", "--network=bridge", "--ipc private", "--ipc=shareable", "--ipc none",
        "--device nvidia.com/gpu=all", "-u 0:0", "--shm-size 64m");
  }

  @Test
  void theCallersVariableIsCopiedOnlyWhenAllowed() throws Exception {
    String name = System.getenv().keySet().stream().filter(k -> k.matches("[A-Z][A-Z0-9_]*")).findFirst()
        .orElseThrow(() -> new AssertionError("no environment variable to copy"));
    ContainerOptions o = ContainerOptions.parse(List.of("-e " + name), EnumSet.of(OptionAllowance.CALLER_ENV), "test");
    assertEquals(System.getenv(name), o.environment().get(name));
  }

  @Test
  void theSettingListsAllowancesByName() throws Exception {
    assertEquals(Set.of(), OptionAllowance.of(ExecutorConfig.builder("x").build()));
    assertEquals(EnumSet.of(OptionAllowance.CALLER_ENV, OptionAllowance.HOST_MOUNTS), OptionAllowance.of(
        ExecutorConfig.builder("x").setting("container-opts-allow", " caller-env, host-mounts ").build()));
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class, () -> OptionAllowance.of(
        ExecutorConfig.builder("x").setting("container-opts-allow", "caller-env,everything").build()));
    assertEquals("x: container-opts-allow cannot list \"everything\"; it lists some of caller-env, host-mounts,"
        + " devices, network, ipc, pid, privileged", e.getMessage());
  }

  @Test
  void sizesAreReadAsEnginesReadThem() throws Exception {
    assertEquals(64L << 20, ContainerOptions.bytes("64m"));
    assertEquals(2L << 30, ContainerOptions.bytes("2GB"));
    assertEquals(1024, ContainerOptions.bytes("1024"));
    assertThrows(JobRejectedException.class, () -> ContainerOptions.bytes("lots"));
  }

  @Test
  void anImageNameCannotBecomeAnOption() throws Exception {
    for (String image : List.of("--privileged", "-v/:/host", "img\n--privileged", "img --privileged", "", "a\u0000b")) {
      JobRejectedException e = assertThrows(JobRejectedException.class, () -> ContainerSpec.refuseOptionLike(image),
          image);
      assertTrue(e.getMessage().startsWith("the container image \""), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
    ContainerSpec.refuseOptionLike("docker.io/library/busybox:1.36@sha256:0123");
    ContainerSpec.refuseOptionLike("vipb-busybox:latest");
  }

  @Test
  void anEnvironmentNameCannotSetAnotherVariable() throws Exception {
    for (String name : List.of("A=B", "", "A\nB", "=")) {
      JobRejectedException e = assertThrows(JobRejectedException.class, () -> ContainerSpec.refuseBadVariableName(name),
          name);
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
    ContainerSpec.refuseBadVariableName("LD_LIBRARY_PATH");
  }

  @Test
  void cdiNamesAreToldFromHostDevices() {
    assertTrue(ContainerOptions.isCdiName("nvidia.com/gpu=0"));
    assertTrue(ContainerOptions.isCdiName("nvidia.com/gpu=GPU-1234-abcd"));
    assertFalse(ContainerOptions.isCdiName("/dev/fuse"));
    assertFalse(ContainerOptions.isCdiName("/dev/sda:/dev/xvda:rwm"));
  }
}
