package org.vipboutiques.testing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.execution.JobResult;

/** How one of a descriptor's {@code tests} went: passed, or the problems found. */
public record ToolTestOutcome(String name, List<String> problems, Optional<JobResult> result) {

  public ToolTestOutcome {
    Objects.requireNonNull(name, "name");
    problems = List.copyOf(problems);
    Objects.requireNonNull(result, "result");
  }

  public boolean passed() {
    return problems.isEmpty();
  }
}
