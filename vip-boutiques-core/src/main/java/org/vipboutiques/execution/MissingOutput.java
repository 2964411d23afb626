package org.vipboutiques.execution;

import java.util.Objects;

/** An output file that the run did not produce. */
public record MissingOutput(String id, String path, boolean optional) {

  public MissingOutput {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
  }
}
