package org.vipboutiques.podman;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vipboutiques.commandline.ShellQuoting;
import org.vipboutiques.descriptor.GpuPolicy;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.Mount;
import org.vipboutiques.execution.container.ContainerOptions;
import org.vipboutiques.execution.container.ContainerSpec;

/**
 * A job's container as the arguments of {@code podman run}: the neutral {@link ContainerSpec}, its
 * name, the pull policy, GPUs as CDI devices, and whether the user is the caller's own.
 *
 * @param callersUser whether the spec's user is the caller's own uid:gid (the default), which a
 *     rootless Podman must keep ({@code --userns=keep-id}) for the container to enter the 0700 job
 *     folder: there, uid 1000 of a container is not the caller but a subordinate uid
 * @param devices devices from {@code container-opts}, less the GPU kind's (given as {@code gpus})
 * @param gpus the CDI devices of the GPU requirement ({@code nvidia.com/gpu=all}, indexes, or the
 *     pool's device UUIDs once leased), empty when the job runs without GPUs
 */
record ContainerPlan(
    ContainerSpec spec,
    String name,
    boolean callersUser,
    List<String> devices,
    List<String> gpus,
    String pull) {

  /** Settings of the podman executor that shape a container beyond the neutral ones. */
  record Settings(ContainerSpec.Settings spec, boolean callersUser, String pull, String cdiKind,
      List<Path> cdiSpecDirs) {}

  /**
   * The container of a job.
   *
   * @param asksGpu whether the descriptor has a GPU need, given or not (the spec has none where the
   *     machine's pre-flight sent a {@code policy: preferred} tool to the CPU)
   */
  static ContainerPlan of(ContainerSpec spec, Settings settings, String name, boolean asksGpu)
      throws JobRejectedException {
    List<String> gpus = new ArrayList<>();
    if (spec.gpu().isPresent()) {
      if (CdiDevices.specFor(settings.cdiKind(), settings.cdiSpecDirs()).isPresent()) {
        gpus.addAll(CdiDevices.names(spec.gpu().get(), settings.cdiKind()));
      } else if (spec.gpu().get().policy() != GpuPolicy.PREFERRED) {
        throw new JobRejectedException(CdiDevices.noSpecification(settings.cdiKind(), settings.cdiSpecDirs()));
      } else {
        spec = spec.withoutGpu();
      }
    }
    // A GPU named in container-opts is part of the requirement: given above (or not, on the CPU path), not twice.
    List<String> otherDevices = !asksGpu ? spec.options().devices()
        : spec.options().devices().stream().filter(dev -> !dev.startsWith(settings.cdiKind() + "=")).toList();
    boolean callers = spec.options().user().isEmpty() && settings.callersUser();
    return new ContainerPlan(spec, name, callers && spec.user().isPresent(), List.copyOf(otherDevices),
        List.copyOf(gpus), settings.pull());
  }

  /** The same container on these CDI devices (leased from the machine's pool) instead of any of the kind's. */
  ContainerPlan onDevices(List<String> cdiNames) {
    return new ContainerPlan(spec, name, callersUser, devices, List.copyOf(cdiNames), pull);
  }

  String image() {
    return spec.image();
  }

  /** The arguments after {@code podman}: {@code run --rm --name ...}, for a rootless Podman or not. */
  List<String> runArguments(boolean rootless) {
    ContainerOptions options = spec.options();
    List<String> a = new ArrayList<>(List.of("run", "--rm", "--name", name, "--pull", pull, "--entrypoint",
        spec.entrypoint(), "-w", spec.workingDirectory()));
    spec.labels().forEach((k, v) -> a.addAll(List.of("--label", k + "=" + v)));
    spec.user().ifPresent(u -> a.addAll(List.of("--user", u)));
    if (rootless && callersUser) {
      a.add("--userns=keep-id");
    }
    spec.environment().forEach((k, v) -> a.addAll(List.of("--env", k + "=" + v)));
    for (Mount m : spec.mounts()) {
      a.addAll(List.of("--volume", m.host() + ":" + m.container() + (m.readOnly() ? ":ro" : "")));
    }
    spec.cpuCores().ifPresent(c -> a.add("--cpus=" + c));
    spec.memoryBytes().ifPresent(m -> a.add("--memory=" + m));
    options.shmSizeBytes().ifPresent(s -> a.add("--shm-size=" + s));
    options.ipc().ifPresent(s -> a.add("--ipc=" + s));
    options.network().ifPresent(s -> a.add("--network=" + s));
    options.pid().ifPresent(s -> a.add("--pid=" + s));
    if (options.privileged()) {
      a.add("--privileged");
    }
    devices.forEach(dev -> a.addAll(List.of("--device", dev)));
    gpus.forEach(dev -> a.addAll(List.of("--device", dev)));
    a.add(spec.image());
    a.addAll(spec.command());
    return a;
  }

  /** The command as a person would type it, for logs and results. */
  String display(PodmanCli cli, boolean rootless) {
    StringBuilder sb = new StringBuilder();
    for (String w : cli.command(runArguments(rootless))) {
      sb.append(sb.length() == 0 ? "" : " ").append(ShellQuoting.quote(w));
    }
    return sb.toString();
  }
}
