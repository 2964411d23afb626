package org.vipboutiques.podman;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vipboutiques.commandline.ShellQuoting;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.GpuPolicy;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.Mount;
import org.vipboutiques.execution.job.PreparedJob;

/**
 * Everything the container of one job is made of, decided before anything runs, as the arguments
 * of {@code podman run}: image, entrypoint (the descriptor's shell) and script, the job folder
 * mounted at the same path as the working directory, File inputs mounted read-only at their own
 * paths, environment, user, limits from {@code suggested-resources}, options from {@code
 * container-opts}, GPUs as CDI devices, labels and name.
 *
 * @param callersUser whether {@code user} is the caller's own uid:gid (the default), which a
 *     rootless Podman must keep ({@code --userns=keep-id}) for the container to enter the 0700 job
 *     folder: there, uid 1000 of a container is not the caller but a subordinate uid
 * @param devices devices from {@code container-opts}
 * @param gpus the CDI devices of the GPU requirement ({@code nvidia.com/gpu=all}, indexes, or the
 *     pool's device UUIDs once leased), empty when the job runs without GPUs
 */
record ContainerPlan(
    String name,
    String image,
    String entrypoint,
    List<String> command,
    String workingDirectory,
    Map<String, String> environment,
    List<Mount> mounts,
    Optional<String> user,
    boolean callersUser,
    Optional<Integer> cpus,
    Optional<Long> memoryBytes,
    ContainerOptions options,
    List<String> devices,
    List<String> gpus,
    Map<String, String> labels,
    String pull) {

  /** Settings of the podman executor that shape a container. */
  record Settings(Optional<String> imageOverride, Optional<String> user, boolean callersUser, boolean limits,
      String pull, String cdiKind, List<Path> cdiSpecDirs) {}

  /**
   * The container of a job.
   *
   * @param gpuFits false when the machine's pre-flight sent a {@code policy: preferred} tool to the
   *     CPU: no GPU device is asked for
   */
  static ContainerPlan of(PreparedJob job, Settings settings, String name, Map<String, String> labels,
      boolean gpuFits) throws JobRejectedException {
    Descriptor d = job.request().descriptor();
    String image = settings.imageOverride().or(() -> d.containerImage().flatMap(c -> c.image()))
        .orElseThrow(() -> new JobRejectedException("the descriptor names no container image; use the local executor,"
            + " or --no-container"));
    refuseOptionLike(image);
    ContainerOptions options = ContainerOptions.parse(d.containerImage().map(c -> c.containerOpts()).orElse(List.of()));
    String folder = job.folder().toString();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", folder);
    // Values written for a shell (the reference runs "docker run" through one) name the working folder.
    options.environment().forEach((k, v) -> env.put(k, v.replace("${PWD}", folder).replace("$PWD", folder)));
    env.putAll(job.environment());
    for (String variable : env.keySet()) {
      refuseBadVariableName(variable);
    }
    List<Mount> mounts = new ArrayList<>();
    mounts.add(new Mount(job.folder(), folder, false));
    mounts.addAll(options.mounts());
    mounts.addAll(job.request().mounts());
    for (Path input : job.inputFiles()) {
      if (!input.startsWith(job.folder()) && mounts.stream().noneMatch(m -> m.container().equals(input.toString()))) {
        mounts.add(new Mount(input, input.toString(), true));
      }
    }
    for (Mount m : mounts) {
      if (m.host().toString().contains(":") || m.container().contains(":")) {
        throw new JobRejectedException("the podman executor cannot mount " + m.host() + " at " + m.container()
            + ": podman's -v option cannot hold a path with ':'; rename it");
      }
    }
    List<String> gpus = new ArrayList<>();
    Optional<GpuRequirement> gpu = d.gpu().filter(g -> gpuFits);
    if (gpu.isPresent()) {
      if (CdiDevices.specFor(settings.cdiKind(), settings.cdiSpecDirs()).isPresent()) {
        gpus.addAll(CdiDevices.names(gpu.get(), settings.cdiKind()));
      } else if (gpu.get().policy() != GpuPolicy.PREFERRED) {
        throw new JobRejectedException(CdiDevices.noSpecification(settings.cdiKind(), settings.cdiSpecDirs()));
      }
    }
    // A GPU named in container-opts is part of the requirement: given above (or not, on the CPU path), not twice.
    List<String> otherDevices = d.gpu().isEmpty() ? options.devices()
        : options.devices().stream().filter(dev -> !dev.startsWith(settings.cdiKind() + "=")).toList();
    Optional<Integer> cpus = Optional.empty();
    Optional<Long> memory = Optional.empty();
    if (settings.limits()) {
      cpus = d.suggestedResources().flatMap(r -> r.cpuCores());
      memory = d.suggestedResources().flatMap(r -> r.ramGb()).filter(g -> g > 0)
          .map(g -> (long) Math.ceil(g * (1L << 30)));
    }
    Optional<String> user = options.user().or(settings::user);
    boolean callers = options.user().isEmpty() && settings.callersUser();
    return new ContainerPlan(name, image, d.shell(), List.of(job.script().toString()), folder, env, mounts, user,
        callers && user.isPresent(), cpus, memory, options, otherDevices, List.copyOf(gpus), labels,
        settings.pull());
  }

  /** The same container on these CDI devices (leased from the machine's pool) instead of any of the kind's. */
  ContainerPlan onDevices(List<String> cdiNames) {
    return new ContainerPlan(name, image, entrypoint, command, workingDirectory, environment, mounts, user,
        callersUser, cpus, memoryBytes, options, devices, List.copyOf(cdiNames), labels, pull);
  }

  /**
   * Refuses an image name podman would read as something else: one starting with {@code -} is
   * parsed as an option of {@code podman run} (an image {@code --privileged} would grant the
   * container every capability), whitespace or a control character is no image reference.
   */
  static void refuseOptionLike(String image) throws JobRejectedException {
    if (image.isEmpty() || image.startsWith("-") || image.codePoints().anyMatch(c -> Character.isWhitespace(c)
        || Character.isISOControl(c))) {
      throw new JobRejectedException("the container image \"" + printable(image) + "\" is not an image name (empty,"
          + " starting with '-', or holding spaces or control characters); fix container-image.image or the image"
          + " setting");
    }
  }

  /** An environment variable's name cannot hold '=' (podman would set another variable) nor control characters. */
  static void refuseBadVariableName(String name) throws JobRejectedException {
    if (name.isEmpty() || name.indexOf('=') >= 0 || name.codePoints().anyMatch(Character::isISOControl)) {
      throw new JobRejectedException("the environment variable name \"" + printable(name) + "\" is empty or holds '='"
          + " or a control character; rename it");
    }
  }

  private static String printable(String s) {
    String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    StringBuilder sb = new StringBuilder();
    t.codePoints().forEach(c -> {
      if (Character.isISOControl(c)) {
        sb.append(String.format("\\u%04x", c));
      } else {
        sb.appendCodePoint(c);
      }
    });
    return sb.toString();
  }

  /** The arguments after {@code podman}: {@code run --rm --name ...}, for a rootless Podman or not. */
  List<String> runArguments(boolean rootless) {
    List<String> a = new ArrayList<>(List.of("run", "--rm", "--name", name, "--pull", pull, "--entrypoint",
        entrypoint, "-w", workingDirectory));
    labels.forEach((k, v) -> a.addAll(List.of("--label", k + "=" + v)));
    user.ifPresent(u -> a.addAll(List.of("--user", u)));
    if (rootless && callersUser) {
      a.add("--userns=keep-id");
    }
    environment.forEach((k, v) -> a.addAll(List.of("--env", k + "=" + v)));
    for (Mount m : mounts) {
      a.addAll(List.of("--volume", m.host() + ":" + m.container() + (m.readOnly() ? ":ro" : "")));
    }
    cpus.ifPresent(c -> a.add("--cpus=" + c));
    memoryBytes.ifPresent(m -> a.add("--memory=" + m));
    options.shmSizeBytes().ifPresent(s -> a.add("--shm-size=" + s));
    options.ipc().ifPresent(s -> a.add("--ipc=" + s));
    options.network().ifPresent(s -> a.add("--network=" + s));
    devices.forEach(dev -> a.addAll(List.of("--device", dev)));
    gpus.forEach(dev -> a.addAll(List.of("--device", dev)));
    a.add(image);
    a.addAll(command);
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
