package org.vipboutiques.descriptor;

import java.util.Objects;
import java.util.Optional;

/** A test's expectation on one output file: it exists, and has this MD5 when one is given. */
public record OutputAssertion(String id, Optional<String> md5Reference) {

  public OutputAssertion {
    Objects.requireNonNull(id, "id");
  }
}
