package org.vipboutiques.docker;

import java.util.Optional;
import java.util.Set;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorFactory;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.container.OptionAllowance;

/** The {@code docker} executor: tools in their Docker containers, NVIDIA GPUs included. */
public final class DockerExecutorFactory implements ExecutorFactory {

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public String description() {
    return "the descriptor's Docker image, on the engine of DOCKER_HOST";
  }

  /** See docs/execution.md: the engine, pulls, GPUs, the user and image, resource limits, what container-opts may do. */
  @Override
  public Set<String> knownSettings() {
    return Set.of("docker-host", "pull", "gpu-mode", "user", "image", "limits", "reattach-keep",
        OptionAllowance.SETTING);
  }

  @Override
  public Optional<JobExecutor> create(ExecutorConfig config) throws ExecutorUnavailableException {
    if (!config.name().equals(name())) {
      return Optional.empty();
    }
    return Optional.of(new DockerExecutor(config));
  }
}
