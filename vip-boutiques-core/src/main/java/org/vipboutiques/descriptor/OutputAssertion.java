package org.vipboutiques.descriptor;

import java.util.Objects;
import java.util.Optional;

/**
 * A test's expectation on one output file: it exists, has this MD5 when one is given, and is
 * within tolerance of a reference file when a {@code "vip:reference"} comparison is given.
 */
public record OutputAssertion(String id, Optional<String> md5Reference, Optional<ReferenceComparison> reference) {

  public OutputAssertion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(md5Reference, "md5Reference");
    Objects.requireNonNull(reference, "reference");
  }

  /** An expectation of the Boutiques format alone: the output exists, with this MD5 if given. */
  public OutputAssertion(String id, Optional<String> md5Reference) {
    this(id, md5Reference, Optional.empty());
  }
}
