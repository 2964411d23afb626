package org.vipboutiques.descriptor;

import java.util.Objects;

/** What an exit code of the tool means. */
public record ErrorCode(long code, String description) {

  public ErrorCode {
    Objects.requireNonNull(description, "description");
  }
}
