package org.vipboutiques.docker;

import java.util.List;
import org.vipboutiques.descriptor.GpuPolicy;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.Mount;
import org.vipboutiques.execution.container.ContainerOptions;
import org.vipboutiques.execution.container.ContainerSpec;

/**
 * A job's container as Docker makes it: the neutral {@link ContainerSpec}, with its GPUs as a
 * device request or, for {@code gpu-mode=legacy-runtime} set-ups (or {@code --runtime=nvidia} in
 * {@code container-opts}), the {@code nvidia} runtime.
 */
record ContainerPlan(ContainerSpec spec, boolean legacyRuntime) {

  /**
   * @param gpuUsable false once the engine showed it has no NVIDIA runtime: a tool whose need
   *     allows the CPU runs there, any other is refused with one sentence
   */
  static ContainerPlan of(ContainerSpec spec, boolean legacyRuntime, boolean gpuUsable) throws JobRejectedException {
    if (spec.gpu().isPresent() && !gpuUsable) {
      if (spec.gpu().get().policy() != GpuPolicy.PREFERRED) {
        throw new JobRejectedException(DockerErrors.NO_NVIDIA_RUNTIME);
      }
      spec = spec.withoutGpu();
    }
    for (String device : spec.options().devices()) {
      if (ContainerOptions.isCdiName(device)) {
        throw new JobRejectedException("container-opts: \"--device " + device + "\" is a CDI device, which the docker"
            + " executor does not give (a GPU is asked with --gpus or vip:gpu); remove it from the descriptor");
      }
    }
    return new ContainerPlan(spec, legacyRuntime || spec.options().runtime().isPresent());
  }

  /** The same container on these devices (UUIDs or indices) of the pool, instead of any of the engine's. */
  ContainerPlan onDevices(List<String> deviceIds) {
    return new ContainerPlan(spec.onDevices(deviceIds), legacyRuntime);
  }

  String image() {
    return spec.image();
  }

  /** The equivalent {@code docker run} command, for logs and results. */
  String dockerRun() {
    ContainerOptions options = spec.options();
    StringBuilder sb = new StringBuilder("docker run --rm --entrypoint=").append(spec.entrypoint());
    spec.user().ifPresent(u -> sb.append(" -u ").append(u));
    spec.environment().forEach((k, v) -> sb.append(" -e ").append(k).append('=').append(quote(v)));
    for (Mount m : spec.mounts()) {
      sb.append(" -v ").append(m.host()).append(':').append(m.container()).append(m.readOnly() ? ":ro" : "");
    }
    sb.append(" -w ").append(spec.workingDirectory());
    spec.cpuCores().ifPresent(n -> sb.append(" --cpus=").append(n));
    spec.memoryBytes().ifPresent(m -> sb.append(" --memory=").append(m));
    options.shmSizeBytes().ifPresent(s -> sb.append(" --shm-size=").append(s));
    options.ipc().ifPresent(s -> sb.append(" --ipc=").append(s));
    options.network().ifPresent(s -> sb.append(" --network=").append(s));
    options.pid().ifPresent(s -> sb.append(" --pid=").append(s));
    if (options.privileged()) {
      sb.append(" --privileged");
    }
    options.devices().forEach(d -> sb.append(" --device=").append(quote(d)));
    spec.gpu().ifPresent(g -> sb.append(legacyRuntime ? " --runtime=nvidia" : " --gpus=" + GpuRequests.dockerFlag(g)));
    sb.append(' ').append(spec.image());
    spec.command().forEach(c -> sb.append(' ').append(c));
    return sb.toString();
  }

  private static String quote(String v) {
    return org.vipboutiques.commandline.ShellQuoting.quote(v);
  }
}
