package org.vipboutiques.sweep;

import java.util.Objects;
import org.vipboutiques.execution.JobResult;

/** How one combination's job ended. */
public record CombinationResult(Combination combination, JobResult result) {

  public CombinationResult {
    Objects.requireNonNull(combination, "combination");
    Objects.requireNonNull(result, "result");
  }
}
