package org.vipboutiques.docker;

import java.util.Optional;
import org.vipboutiques.execution.Executor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorFactory;
import org.vipboutiques.execution.ExecutorUnavailableException;

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

  @Override
  public Optional<Executor> create(ExecutorConfig config) throws ExecutorUnavailableException {
    if (!config.name().equals(name())) {
      return Optional.empty();
    }
    return Optional.of(new DockerExecutor(config));
  }
}
