package org.vipboutiques.execution;

import java.util.Optional;

/**
 * Makes executors of one back end. Implementations are found with {@link java.util.ServiceLoader}
 * (list them in {@code META-INF/services/org.vipboutiques.execution.ExecutorFactory}); a new back
 * end is a new module, nothing else changes.
 */
public interface ExecutorFactory {

  /** The executor name this factory answers to. */
  String name();

  /** A one-line description for listings. */
  default String description() {
    return name();
  }

  /**
   * An executor for this configuration, or empty when the configuration is not this factory's
   * ("not mine").
   *
   * @throws ExecutorUnavailableException when it is this factory's but cannot work here (no
   *     daemon, no {@code sbatch}, no credentials), with a sentence saying why
   */
  Optional<Executor> create(ExecutorConfig config) throws ExecutorUnavailableException;
}
