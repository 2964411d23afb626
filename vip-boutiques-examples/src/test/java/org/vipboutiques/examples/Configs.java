package org.vipboutiques.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vipboutiques.execution.ExecutorConfig;

/** A documented configuration pointed at the back end this machine has. */
final class Configs {

  private Configs() {
  }

  /**
   * {@code documented} with its jobs under {@code jobs} and {@code overrides} replacing its
   * settings (a null value removes one), the rest as the docs show it.
   */
  static ExecutorConfig pointedAt(ExecutorConfig documented, Path jobs, Map<String, String> overrides) {
    Map<String, String> settings = new LinkedHashMap<>(documented.settings());
    overrides.forEach((k, v) -> {
      if (v == null) {
        settings.remove(k);
      } else {
        settings.put(k, v);
      }
    });
    return new ExecutorConfig(documented.name(), jobs, documented.maxConcurrentJobs(), documented.walltimeFactor(),
        settings);
  }
}
