package org.vipboutiques.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.descriptor.GpuPolicy;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.container.ContainerOptions;
import org.vipboutiques.execution.container.ContainerSpec;
import org.vipboutiques.execution.container.OptionAllowance;

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
    for (String known : List.of("binary", "podman-host", "cdi-kind", "cdi-spec-dirs", "image", "limits", "user",
        "container-opts-allow")) {
      assertTrue(e.getMessage().contains(known), known + " is listed: " + e.getMessage());
    }
  }

  /** (Podman must be there: the executor finds its command before it reads its settings.) */
  @Test
  @org.vipboutiques.testing.conditions.EnabledIfPodman
  void containerOptsAllowListsKnownAllowancesOnly() {
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class, () -> JobExecutors.create(
        ExecutorConfig.builder("podman").baseDirectory(base).setting("container-opts-allow", "all").build()));
    assertTrue(e.getMessage().startsWith("podman: container-opts-allow cannot list \"all\"; it lists some of"
        + " caller-env, host-mounts"), e.getMessage());
  }

  @Test
  void theFactoryAnswersNotMineForOtherNames() throws Exception {
    assertEquals(Optional.empty(), new PodmanExecutorFactory().create(ExecutorConfig.builder("docker").build()));
  }

  @Test
  void aRootlessPodmanKeepsTheCallersUidForTheCallersUserOnly() throws Exception {
    ContainerPlan callers = new ContainerPlan(spec(Map.of(), Optional.of("1000:1000"), ContainerOptions.NONE), "vipb-1",
        true, List.of(), List.of(), "never");
    assertTrue(callers.runArguments(true).contains("--userns=keep-id"), callers.runArguments(true).toString());
    assertFalse(callers.runArguments(false).contains("--userns=keep-id"));
    ContainerPlan other = new ContainerPlan(spec(Map.of(), Optional.of("0:0"), ContainerOptions.NONE), "vipb-1", false,
        List.of(), List.of(), "never");
    assertFalse(other.runArguments(true).contains("--userns=keep-id"));
  }

  static ContainerSpec spec(Map<String, String> env, Optional<String> user, ContainerOptions options) {
    return new ContainerSpec("img", "/bin/sh", List.of("/j/.vipb-command.sh"), "/j", env, List.of(), user,
        Optional.empty(), Optional.empty(), options, Optional.empty(), Map.of());
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
  void valuesWithDashesAndNewlinesStayTheValueOfTheirOption() throws Exception {
    ContainerOptions o = ContainerOptions.parse(List.of("-e A=--privileged", "--network=--privileged"),
        Set.of(OptionAllowance.NETWORK), "podman");
    ContainerPlan plan = new ContainerPlan(spec(new java.util.LinkedHashMap<>(Map.of("B", "x\n--privileged", "A",
        "--privileged")), Optional.empty(), o), "vipb-1", false, List.of(), List.of(), "never");
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
