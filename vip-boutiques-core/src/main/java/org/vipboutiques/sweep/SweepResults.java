package org.vipboutiques.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a sweep ended: one row per combination, in the plan's order, and the tables written in
 * the sweep folder ({@code results.tsv}, {@code results.json}).
 */
public record SweepResults(List<CombinationResult> rows, Path tsvTable, Path jsonTable) {

  public SweepResults {
    rows = List.copyOf(rows);
    Objects.requireNonNull(tsvTable, "tsvTable");
    Objects.requireNonNull(jsonTable, "jsonTable");
  }

  public boolean allSucceeded() {
    return rows.stream().allMatch(r -> r.result().succeeded());
  }

  /** The rows whose job did not succeed. */
  public List<CombinationResult> unsuccessful() {
    return rows.stream().filter(r -> !r.result().succeeded()).toList();
  }
}
