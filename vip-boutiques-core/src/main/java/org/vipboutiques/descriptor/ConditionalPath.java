package org.vipboutiques.descriptor;

import java.util.Objects;

/** One entry of a {@code conditional-path-template}: a Python-like condition and a path. */
public record ConditionalPath(String condition, String pathTemplate) {

  public ConditionalPath {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(pathTemplate, "pathTemplate");
  }

  /** The {@code default} entry, taken when no condition before it holds. */
  public boolean isDefault() {
    return condition.equals("default");
  }
}
