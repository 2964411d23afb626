package org.vipboutiques.descriptor;

import java.util.Optional;

/** The four Boutiques input types. */
public enum InputType {
  STRING("String"),
  FILE("File"),
  FLAG("Flag"),
  NUMBER("Number");

  private final String jsonName;

  InputType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used in descriptors: {@code String}, {@code File}, {@code Flag}, {@code Number}. */
  public String jsonName() {
    return jsonName;
  }

  public static Optional<InputType> fromJson(String name) {
    for (InputType t : values()) {
      if (t.jsonName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
