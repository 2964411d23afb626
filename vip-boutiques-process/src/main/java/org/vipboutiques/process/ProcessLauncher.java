package org.vipboutiques.process;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.job.PreparedJob;

/** What process runs a prepared job: the command, its environment, and how to show it. */
@FunctionalInterface
public interface ProcessLauncher {

  /**
   * The launch of a job.
   *
   * @throws JobRejectedException when the job cannot run this way (nothing has started)
   */
  Launch launch(PreparedJob job) throws JobRejectedException;

  /**
   * A command to run in the job folder.
   *
   * @param environment added to this process's environment
   * @param displayCommand the command as a person would type it, for results
   */
  record Launch(List<String> command, Map<String, String> environment, Optional<String> displayCommand) {

    public Launch {
      command = List.copyOf(command);
      if (command.isEmpty()) {
        throw new IllegalArgumentException("a launch needs a command");
      }
      environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }
  }

  /** The descriptor's shell on the command script, with the job's environment: a plain local run. */
  static ProcessLauncher shell() {
    return job -> new Launch(List.of(job.shell(), job.script().toString()), job.environment(), Optional.empty());
  }
}
