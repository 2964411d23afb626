package org.vipboutiques.podman;

import java.util.Optional;
import java.util.Set;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorFactory;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.container.OptionAllowance;

/** The {@code podman} executor: tools in their images with Podman, GPUs as CDI devices. */
public final class PodmanExecutorFactory implements ExecutorFactory {

  @Override
  public String name() {
    return "podman";
  }

  @Override
  public String description() {
    return "the descriptor's image with Podman (the podman command; CONTAINER_HOST for a Podman service)";
  }

  /** See docs/execution.md: the command and service, pulls, the user and image, limits, GPUs as CDI devices, what container-opts may do. */
  @Override
  public Set<String> knownSettings() {
    return Set.of("binary", "podman-host", "pull", "user", "image", "limits", "cdi-kind", "cdi-spec-dirs",
        OptionAllowance.SETTING);
  }

  @Override
  public Optional<JobExecutor> create(ExecutorConfig config) throws ExecutorUnavailableException {
    if (!config.name().equals(name())) {
      return Optional.empty();
    }
    return Optional.of(new PodmanExecutor(config, PodmanCli.of(config)));
  }
}
