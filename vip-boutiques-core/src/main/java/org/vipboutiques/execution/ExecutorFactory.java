package org.vipboutiques.execution;

import java.util.Optional;
import java.util.Set;

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
   * The setting keys this back end reads, besides those every executor reads
   * ({@link ExecutorConfig#COMMON_SETTINGS}); a key ending in {@code *} stands for every key that
   * starts with what comes before it ({@code sbatch.*}). {@link JobExecutors#create} refuses a
   * configuration with any other key, so that a misspelled setting is an error that lists these
   * rather than a value silently ignored. The default, {@code *}, takes any key: a back end that
   * does not say is not checked.
   */
  default Set<String> knownSettings() {
    return Set.of("*");
  }

  /**
   * An executor for this configuration, or empty when the configuration is not this factory's
   * ("not mine").
   *
   * @throws ExecutorUnavailableException when it is this factory's but cannot work here (no
   *     daemon, no {@code sbatch}, no credentials), with a sentence saying why
   */
  Optional<JobExecutor> create(ExecutorConfig config) throws ExecutorUnavailableException;
}
