package org.vipboutiques.docker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.GpuPolicy;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.Mount;
import org.vipboutiques.execution.job.PreparedJob;

/**
 * Everything the container of one job is made of, decided before anything is created: image,
 * entrypoint (the descriptor's shell) and script, the job folder mounted at the same path as
 * the working directory, File inputs mounted read-only at their own paths, environment, user,
 * limits from {@code suggested-resources}, options from {@code container-opts}, GPUs.
 *
 * @param gpu the GPUs asked for, empty when the job runs without
 */
record ContainerPlan(
    String image,
    String entrypoint,
    List<String> command,
    String workingDirectory,
    Map<String, String> environment,
    List<Mount> mounts,
    Optional<String> user,
    Optional<Long> nanoCpus,
    Optional<Long> memoryBytes,
    ContainerOptions options,
    Optional<GpuRequirement> gpu,
    boolean legacyRuntime,
    Map<String, String> labels) {

  /** Settings of the docker executor that shape a container. */
  record Settings(Optional<String> imageOverride, Optional<String> user, boolean limits, boolean legacyRuntime) {}

  static ContainerPlan of(PreparedJob job, Settings settings, Map<String, String> labels, boolean gpuUsable)
      throws JobRejectedException {
    Descriptor d = job.request().descriptor();
    String image = settings.imageOverride().or(() -> d.containerImage().flatMap(c -> c.image()))
        .orElseThrow(() -> new JobRejectedException("the descriptor names no container image; use the local executor,"
            + " or --no-container"));
    ContainerOptions options = ContainerOptions.parse(d.containerImage().map(c -> c.containerOpts()).orElse(List.of()));
    String folder = job.folder().toString();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", folder);
    // Values written for a shell (the reference runs "docker run" through one) name the working folder.
    options.environment().forEach((k, v) -> env.put(k, v.replace("${PWD}", folder).replace("$PWD", folder)));
    env.putAll(job.environment());
    List<Mount> mounts = new ArrayList<>();
    mounts.add(new Mount(job.folder(), folder, false));
    mounts.addAll(options.mounts());
    mounts.addAll(job.request().mounts());
    for (Path input : job.inputFiles()) {
      if (!input.startsWith(job.folder()) && mounts.stream().noneMatch(m -> m.container().equals(input.toString()))) {
        mounts.add(new Mount(input, input.toString(), true));
      }
    }
    Optional<GpuRequirement> gpu = d.gpu();
    if (gpu.isPresent() && !gpuUsable) {
      if (gpu.get().policy() == GpuPolicy.PREFERRED) {
        gpu = Optional.empty();
      } else {
        throw new JobRejectedException(DockerErrors.NO_NVIDIA_RUNTIME);
      }
    }
    Optional<Long> cpus = Optional.empty();
    Optional<Long> memory = Optional.empty();
    if (settings.limits()) {
      cpus = d.suggestedResources().flatMap(r -> r.cpuCores()).map(c -> c * 1_000_000_000L);
      memory = d.suggestedResources().flatMap(r -> r.ramGb()).filter(g -> g > 0)
          .map(g -> (long) Math.ceil(g * (1L << 30)));
    }
    Optional<String> user = options.user().or(settings::user);
    return new ContainerPlan(image, d.shell(), List.of(job.script().toString()), folder, env, mounts, user, cpus,
        memory, options, gpu, settings.legacyRuntime() || options.runtime().filter("nvidia"::equals).isPresent(),
        labels);
  }

  /** The same container on these devices (UUIDs or indices) of the pool, instead of any of the engine's. */
  ContainerPlan onDevices(List<String> deviceIds) {
    Optional<GpuRequirement> pinned = gpu.map(g -> new GpuRequirement(deviceIds.size(), false, Optional.empty(),
        g.minMemoryGb(), g.cudaVersionMin(), g.computeCapabilities(), g.type(), deviceIds, g.policy(), g.source()));
    return new ContainerPlan(image, entrypoint, command, workingDirectory, environment, mounts, user, nanoCpus,
        memoryBytes, options, pinned, legacyRuntime, labels);
  }

  /** The equivalent {@code docker run} command, for logs and results. */
  String dockerRun() {
    StringBuilder sb = new StringBuilder("docker run --rm --entrypoint=").append(entrypoint);
    user.ifPresent(u -> sb.append(" -u ").append(u));
    environment.forEach((k, v) -> sb.append(" -e ").append(k).append('=').append(quote(v)));
    for (Mount m : mounts) {
      sb.append(" -v ").append(m.host()).append(':').append(m.container()).append(m.readOnly() ? ":ro" : "");
    }
    sb.append(" -w ").append(workingDirectory);
    nanoCpus.ifPresent(n -> sb.append(" --cpus=").append(n / 1_000_000_000L));
    memoryBytes.ifPresent(m -> sb.append(" --memory=").append(m));
    options.shmSizeBytes().ifPresent(s -> sb.append(" --shm-size=").append(s));
    options.ipc().ifPresent(s -> sb.append(" --ipc=").append(s));
    options.network().ifPresent(s -> sb.append(" --network=").append(s));
    gpu.ifPresent(g -> sb.append(legacyRuntime ? " --runtime=nvidia" : " --gpus=" + GpuRequests.dockerFlag(g)));
    sb.append(' ').append(image);
    command.forEach(c -> sb.append(' ').append(c));
    return sb.toString();
  }

  private static String quote(String v) {
    return org.vipboutiques.commandline.ShellQuoting.quote(v);
  }
}
