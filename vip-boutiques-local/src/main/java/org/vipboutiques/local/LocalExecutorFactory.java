package org.vipboutiques.local;

import java.util.Optional;
import java.util.Set;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorFactory;
import org.vipboutiques.process.ProcessExecutor;
import org.vipboutiques.process.ProcessLauncher;

/**
 * The {@code local} executor: the descriptor's shell runs the command script in the job folder,
 * with the descriptor's environment variables, a timeout, and cancellation that stops the whole
 * process tree. A descriptor's container is not used; the {@code docker} and {@code apptainer}
 * executors run containers.
 */
public final class LocalExecutorFactory implements ExecutorFactory {

  @Override
  public String name() {
    return "local";
  }

  @Override
  public String description() {
    return "processes of this machine (no container)";
  }

  /** Only the settings every executor reads. */
  @Override
  public Set<String> knownSettings() {
    return Set.of();
  }

  @Override
  public Optional<JobExecutor> create(ExecutorConfig config) {
    return config.name().equals(name()) ? Optional.of(new ProcessExecutor(name(), config, ProcessLauncher.shell())) : Optional.empty();
  }
}
