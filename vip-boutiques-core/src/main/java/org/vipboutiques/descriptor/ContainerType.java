package org.vipboutiques.descriptor;

import java.util.Optional;

/** The kinds of container image a descriptor can name. */
public enum ContainerType {
  DOCKER("docker"),
  SINGULARITY("singularity"),
  ROOTFS("rootfs");

  private final String jsonName;

  ContainerType(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }

  public static Optional<ContainerType> fromJson(String name) {
    for (ContainerType t : values()) {
      if (t.jsonName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
