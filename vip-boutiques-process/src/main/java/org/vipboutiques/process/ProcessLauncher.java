package org.vipboutiques.process;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.gpu.GpuPlan;
import org.vipboutiques.execution.job.PreparedJob;

/** What process runs a prepared job: the command, its environment, and how to show it. */
@FunctionalInterface
public interface ProcessLauncher {

  /**
   * The launch of a job.
   *
   * @throws JobRejectedException when the job cannot run this way (nothing has started)
   */
  Launch launch(PreparedJob job) throws JobRejectedException;

  /**
   * Refuses a request this launcher can never run, before its job folder is made; nothing by
   * default ({@link #launch} still decides, with the folder made).
   *
   * @throws JobRejectedException saying why, and how to fix it
   */
  default void check(JobRequest request) throws JobRejectedException {}

  /**
   * How a machine whose GPUs cannot be read is taken: the local executor's tools run on it, so no
   * driver means no GPU; a container runtime may know better.
   */
  default GpuPlan.Unknown gpusUnknown() {
    return GpuPlan.Unknown.MEANS_NONE;
  }

  /**
   * The environment that gives the job its GPUs, from the CUDA variables of its devices
   * ({@code CUDA_VISIBLE_DEVICES}, {@code CUDA_DEVICE_ORDER}): as they are for a process of this
   * machine; a container runtime that does not pass the environment through says them its way.
   */
  default Map<String, String> gpuEnvironment(Map<String, String> cuda) {
    return cuda;
  }

  /**
   * A command to run in the job folder.
   *
   * @param environment added to this process's environment
   * @param displayCommand the command as a person would type it, for results
   */
  record Launch(List<String> command, Map<String, String> environment, Optional<String> displayCommand) {

    public Launch {
      command = List.copyOf(command);
      if (command.isEmpty()) {
        throw new IllegalArgumentException("a launch needs a command");
      }
      environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }
  }

  /** The descriptor's shell on the command script, with the job's environment: a plain local run. */
  static ProcessLauncher shell() {
    return job -> new Launch(List.of(job.shell(), job.script().toString()), job.environment(), Optional.empty());
  }
}
