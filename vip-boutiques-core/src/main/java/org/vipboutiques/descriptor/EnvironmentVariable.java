package org.vipboutiques.descriptor;

import java.util.Objects;
import java.util.Optional;

/** An environment variable set for the tool; its value may be an input's value-key. */
public record EnvironmentVariable(String name, String value, Optional<String> description) {

  public EnvironmentVariable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
