package org.vipboutiques.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.descriptor.GpuPolicy;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRejectedException;

/** What the podman executor decides before podman runs: settings, options, CDI names and specifications. */
class PodmanSettingsTest {

  @TempDir
  Path base;

  @Test
  void aMisspelledSettingIsRefusedWithTheKnownOnes() {
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class, () -> JobExecutors.create(
        ExecutorConfig.builder("podman").baseDirectory(base).setting("pul", "x").build()));
    assertTrue(e.getMessage().startsWith("unknown setting \"pul\" (did you mean \"pull\"?) for the podman executor;"),
        e.getMessage());
    for (String known : List.of("binary", "podman-host", "cdi-kind", "cdi-spec-dirs", "image", "limits", "user")) {
      assertTrue(e.getMessage().contains(known), known + " is listed: " + e.getMessage());
    }
  }

  @Test
  void theFactoryAnswersNotMineForOtherNames() throws Exception {
    assertEquals(Optional.empty(), new PodmanExecutorFactory().create(ExecutorConfig.builder("docker").build()));
  }

  @Test
  void containerOptionsAreTranslatedOrRefusedByName() throws Exception {
    ContainerOptions o = ContainerOptions.parse(List.of("-e A=1 --shm-size=1g", "--device nvidia.com/gpu=0",
        "--network none -u 1000:1000", "--runtime=nvidia"));
    assertEquals("1", o.environment().get("A"));
    assertEquals(Optional.of(1L << 30), o.shmSizeBytes());
    assertEquals(List.of("nvidia.com/gpu=0"), o.devices());
    assertEquals(Optional.of("none"), o.network());
    assertEquals(Optional.of("1000:1000"), o.user());
    JobRejectedException e = assertThrows(JobRejectedException.class,
        () -> ContainerOptions.parse(List.of("--cap-add SYS_ADMIN")));
    assertTrue(e.getMessage().startsWith("container-opts: \"--cap-add\" is not supported by the podman executor"),
        e.getMessage());
    JobRejectedException runtime = assertThrows(JobRejectedException.class,
        () -> ContainerOptions.parse(List.of("--runtime=crun")));
    assertTrue(runtime.getMessage().startsWith("container-opts: \"--runtime crun\" is not supported"), runtime.getMessage());
  }

  @Test
  void aRootlessPodmanKeepsTheCallersUidForTheCallersUserOnly() throws Exception {
    ContainerOptions none = ContainerOptions.parse(List.of());
    ContainerPlan callers = new ContainerPlan("vipb-1", "img", "/bin/sh", List.of("/j/.vipb-command.sh"), "/j",
        java.util.Map.of(), List.of(), Optional.of("1000:1000"), true, Optional.empty(), Optional.empty(), none,
        List.of(), List.of(), java.util.Map.of(), "never");
    assertTrue(callers.runArguments(true).contains("--userns=keep-id"), callers.runArguments(true).toString());
    assertFalse(callers.runArguments(false).contains("--userns=keep-id"));
    ContainerPlan other = new ContainerPlan("vipb-1", "img", "/bin/sh", List.of("/j/.vipb-command.sh"), "/j",
        java.util.Map.of(), List.of(), Optional.of("0:0"), false, Optional.empty(), Optional.empty(), none,
        List.of(), List.of(), java.util.Map.of(), "never");
    assertFalse(other.runArguments(true).contains("--userns=keep-id"));
  }

  @Test
  void gpusBecomeCdiNames() {
    GpuRequirement two = new GpuRequirement(2, false, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        Optional.empty(), List.of(), GpuPolicy.REQUIRED, GpuRequirement.Source.CUSTOM);
    assertEquals(List.of("nvidia.com/gpu=0", "nvidia.com/gpu=1"), CdiDevices.names(two, CdiDevices.NVIDIA));
    GpuRequirement all = new GpuRequirement(1, true, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        Optional.empty(), List.of(), GpuPolicy.REQUIRED, GpuRequirement.Source.CUSTOM);
    assertEquals(List.of("nvidia.com/gpu=all"), CdiDevices.names(all, CdiDevices.NVIDIA));
    GpuRequirement ids = new GpuRequirement(1, false, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        Optional.empty(), List.of("GPU-1234"), GpuPolicy.REQUIRED, GpuRequirement.Source.CUSTOM);
    assertEquals(List.of("nvidia.com/gpu=GPU-1234"), CdiDevices.names(ids, CdiDevices.NVIDIA));
  }

  @Test
  void aSpecificationIsFoundByItsKindInJsonOrYaml() throws Exception {
    Path json = Files.createDirectories(base.resolve("json"));
    Path yaml = Files.createDirectories(base.resolve("yaml"));
    Files.writeString(json.resolve("other.json"), "{\"cdiVersion\": \"0.5.0\", \"kind\": \"example.com/fpga\"}");
    Files.writeString(yaml.resolve("nvidia.yaml"), "cdiVersion: 0.5.0\nkind: nvidia.com/gpu\ndevices: []\n");
    assertEquals(Optional.empty(), CdiDevices.specFor(CdiDevices.NVIDIA, List.of(json, base.resolve("absent"))));
    assertEquals(Optional.of(yaml.resolve("nvidia.yaml")), CdiDevices.specFor(CdiDevices.NVIDIA, List.of(json, yaml)));
    assertTrue(CdiDevices.noSpecification(CdiDevices.NVIDIA, List.of(json)).startsWith("this tool needs a GPU, and no"
        + " CDI specification for nvidia.com/gpu is in " + json));
  }

  @Test
  void anImageNameCannotBecomeAPodmanOption() throws Exception {
    for (String image : List.of("--privileged", "-v/:/host", "img\n--privileged", "img --privileged", "", "a\u0000b")) {
      JobRejectedException e = assertThrows(JobRejectedException.class, () -> ContainerPlan.refuseOptionLike(image),
          image);
      assertTrue(e.getMessage().startsWith("the container image \""), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
    ContainerPlan.refuseOptionLike("docker.io/library/busybox:1.36@sha256:0123");
    ContainerPlan.refuseOptionLike("vipb-busybox:latest");
  }

  @Test
  void anEnvironmentNameCannotSetAnotherVariable() throws Exception {
    for (String name : List.of("A=B", "", "A\nB", "=")) {
      JobRejectedException e = assertThrows(JobRejectedException.class, () -> ContainerPlan.refuseBadVariableName(name),
          name);
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
    ContainerPlan.refuseBadVariableName("LD_LIBRARY_PATH");
  }

  @Test
  void valuesWithDashesAndNewlinesStayTheValueOfTheirOption() throws Exception {
    ContainerOptions o = ContainerOptions.parse(List.of("-e A=--privileged", "--network=--privileged"));
    ContainerPlan plan = new ContainerPlan("vipb-1", "img", "/bin/sh", List.of("/j/.vipb-command.sh"), "/j",
        java.util.Map.of("B", "x\n--privileged", "A", "--privileged"), List.of(), Optional.empty(), false,
        Optional.empty(), Optional.empty(), o, List.of(), List.of(), java.util.Map.of(), "never");
    List<String> a = plan.runArguments(false);
    assertFalse(a.contains("--privileged"), a.toString());
    assertEquals("img", a.get(a.size() - 2), "the image is the first word after the options: " + a);
    int env = a.indexOf("B=x\n--privileged");
    assertEquals("--env", a.get(env - 1), a.toString());
  }

  @Test
  void leasedDevicesAreNamedByUuidWhereTheSpecificationDoesElseByIndex(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    List<org.vipboutiques.execution.gpu.GpuDevice> two = List.of(
        new org.vipboutiques.execution.gpu.GpuDevice(1, "GPU-aaa", "Tesla T4", 15360, Optional.of("7.5")),
        new org.vipboutiques.execution.gpu.GpuDevice(3, "GPU-bbb", "Tesla T4", 15360, Optional.of("7.5")));
    java.nio.file.Path spec = dir.resolve("nvidia.yaml");
    java.nio.file.Files.writeString(spec, "cdiVersion: 0.5.0\nkind: nvidia.com/gpu\ndevices:\n- name: \"1\"\n"
        + "- name: \"3\"\n- name: all\n");
    assertEquals(List.of("nvidia.com/gpu=1", "nvidia.com/gpu=3"),
        CdiDevices.leased(two, CdiDevices.NVIDIA, List.of(dir)));
    java.nio.file.Files.writeString(spec, "cdiVersion: 0.5.0\nkind: nvidia.com/gpu\ndevices:\n- name: GPU-aaa\n"
        + "  containerEdits: {}\n- name: GPU-bbb\n");
    assertEquals(List.of("nvidia.com/gpu=GPU-aaa", "nvidia.com/gpu=GPU-bbb"),
        CdiDevices.leased(two, CdiDevices.NVIDIA, List.of(dir)));
    java.nio.file.Files.delete(spec);
    java.nio.file.Files.writeString(dir.resolve("nvidia.json"), "{\"kind\": \"nvidia.com/gpu\", \"devices\":"
        + " [{\"name\": \"GPU-aaa\"}, {\"name\":\"GPU-bbb\"}]}");
    assertEquals(List.of("nvidia.com/gpu=GPU-aaa", "nvidia.com/gpu=GPU-bbb"),
        CdiDevices.leased(two, CdiDevices.NVIDIA, List.of(dir)));
  }
}
