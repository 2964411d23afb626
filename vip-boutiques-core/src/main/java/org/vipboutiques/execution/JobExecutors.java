package org.vipboutiques.execution;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import org.vipboutiques.cache.ResultCache;
import org.vipboutiques.execution.job.EndedJobs;
import org.vipboutiques.retry.Retries;
import org.vipboutiques.retry.RetryPolicy;

/** Finds executors through {@link ServiceLoader}; deletes the folders of jobs that ended. */
public final class JobExecutors {

  private JobExecutors() {}

  /** The factories on the class path, in a stable order (by name). */
  public static List<ExecutorFactory> factories() {
    List<ExecutorFactory> out = new ArrayList<>();
    ServiceLoader.load(ExecutorFactory.class, JobExecutors.class.getClassLoader()).forEach(out::add);
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /**
   * The executor named by the configuration. When the settings {@code keep-jobs} or
   * {@code keep-jobs-for} are given, the folders of ended jobs under the base folder that they do not
   * keep are deleted first ({@link #pruneJobFolders}). When the setting {@code cache} names a folder,
   * the executor is behind a result cache there ({@link ResultCache#wrap}), its entries bounded by the
   * settings {@code cache-max-size} and {@code cache-max-age} ({@link ResultCache#fromSettings}). Every
   * executor is behind the retries ({@link Retries#wrap}), with the policy of its {@code retries}
   * settings (none by default) for the jobs that bring none of their own; {@link JobExecutor#as} finds
   * the back end's own executor behind them.
   *
   * @throws ExecutorUnavailableException when no factory takes it (the message lists those
   *     tried), a setting is not one it reads (the message lists those it reads) or has a value
   *     it cannot read, or the one that takes it cannot work here
   */
  public static JobExecutor create(ExecutorConfig config) throws ExecutorUnavailableException {
    List<String> tried = new ArrayList<>();
    Optional<JobRetention> retention;
    RetryPolicy retries;
    Optional<ResultCache> cache;
    try {
      cache = ResultCache.fromSettings(config);
      retention = JobRetention.fromSettings(config);
      retries = RetryPolicy.fromSettings(config);
    } catch (IllegalArgumentException e) {
      throw new ExecutorUnavailableException(e.getMessage(), e);
    }
    for (ExecutorFactory f : factories()) {
      if (f.name().equals(config.name())) {
        config.requireKnownSettings(f.knownSettings());
      }
      Optional<JobExecutor> e;
      try {
        e = f.create(config);
      } catch (IllegalArgumentException badValue) {
        // A setting's value the back end cannot read ("setting poll-interval: not a duration ...").
        throw new ExecutorUnavailableException(badValue.getMessage(), badValue);
      }
      if (e.isPresent()) {
        if (!f.name().equals(config.name())) {
          try {
            config.requireKnownSettings(f.knownSettings());
          } catch (ExecutorUnavailableException unknown) {
            e.get().close();
            throw unknown;
          }
        }
        retention.ifPresent(r -> pruneJobFolders(config.baseDirectory(), r));
        JobExecutor backEnd = cache.isEmpty() ? e.get() : cache.get().wrap(e.get(), config.baseDirectory());
        return Retries.wrap(backEnd, retries, config.baseDirectory());
      }
      tried.add(f.name());
    }
    throw new ExecutorUnavailableException("no executor named \"" + config.name() + "\"; "
        + (tried.isEmpty() ? "none is on the class path (add a vip-boutiques-local, -docker, -slurm or -dirac module)"
            : "tried: " + String.join(", ", tried)));
  }

  /**
   * Deletes the folders under {@code baseDirectory} of jobs that ended and that {@code retention}
   * does not keep: {@code JobExecutors.pruneJobFolders(base, JobRetention.keepFor(Duration.ofDays(7)))}.
   * A job that has not ended (running, queued, on a cluster while this process was away) is never
   * touched, nor is a folder no job of this library ended in; links in a folder are removed, never
   * followed. A folder that cannot be deleted whole is logged and left.
   *
   * @return the folders deleted
   */
  public static List<Path> pruneJobFolders(Path baseDirectory, JobRetention retention) {
    return EndedJobs.prune(Objects.requireNonNull(baseDirectory, "baseDirectory"),
        Objects.requireNonNull(retention, "retention"), Instant.now());
  }
}
