package org.vipboutiques.local;

import java.util.Optional;
import org.vipboutiques.execution.Executor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorFactory;

/** The {@code local} executor: tools as processes of this machine. */
public final class LocalExecutorFactory implements ExecutorFactory {

  @Override
  public String name() {
    return "local";
  }

  @Override
  public String description() {
    return "processes of this machine (no container)";
  }

  @Override
  public Optional<Executor> create(ExecutorConfig config) {
    return config.name().equals(name()) ? Optional.of(new LocalExecutor(config)) : Optional.empty();
  }
}
