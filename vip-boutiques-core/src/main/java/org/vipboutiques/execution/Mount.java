package org.vipboutiques.execution;

import java.nio.file.Path;
import java.util.Objects;

/** A host folder or file made visible to a containerised tool at another path. */
public record Mount(Path host, String container, boolean readOnly) {

  public Mount {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(container, "container");
    if (!container.startsWith("/")) {
      throw new IllegalArgumentException("container path must be absolute: " + container);
    }
  }

  /** Parses {@code HOST:CONTAINER[:ro]}, as {@code docker run -v} does. */
  public static Mount parse(String spec) {
    String[] parts = spec.split(":");
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()
        || parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw")) {
      throw new IllegalArgumentException("a volume is HOST:CONTAINER or HOST:CONTAINER:ro, not \"" + spec + "\"");
    }
    return new Mount(Path.of(parts[0]).toAbsolutePath().normalize(), parts[1],
        parts.length == 3 && parts[2].equals("ro"));
  }
}
