package org.vipboutiques.descriptor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.json.JsonObject;

/** A group of inputs with a constraint: mutually exclusive, one required, or all or none. */
public record Group(
    String id,
    String name,
    Optional<String> description,
    List<String> members,
    boolean mutuallyExclusive,
    boolean oneIsRequired,
    boolean allOrNone,
    JsonObject json) {

  public Group {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    members = List.copyOf(members);
    Objects.requireNonNull(json, "json");
  }
}
