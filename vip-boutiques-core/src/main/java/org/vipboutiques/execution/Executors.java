package org.vipboutiques.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds executors through {@link ServiceLoader}. */
public final class Executors {

  private Executors() {}

  /** The factories on the class path, in a stable order (by name). */
  public static List<ExecutorFactory> factories() {
    List<ExecutorFactory> out = new ArrayList<>();
    ServiceLoader.load(ExecutorFactory.class, Executors.class.getClassLoader()).forEach(out::add);
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /**
   * The executor named by the configuration.
   *
   * @throws ExecutorUnavailableException when no factory takes it (the message lists those
   *     tried) or the one that does cannot work here
   */
  public static Executor create(ExecutorConfig config) throws ExecutorUnavailableException {
    List<String> tried = new ArrayList<>();
    for (ExecutorFactory f : factories()) {
      Optional<Executor> e = f.create(config);
      if (e.isPresent()) {
        return e.get();
      }
      tried.add(f.name());
    }
    throw new ExecutorUnavailableException("no executor named \"" + config.name() + "\"; "
        + (tried.isEmpty() ? "none is on the class path (add a vip-boutiques-local, -docker, -slurm or -dirac module)"
            : "tried: " + String.join(", ", tried)));
  }
}
