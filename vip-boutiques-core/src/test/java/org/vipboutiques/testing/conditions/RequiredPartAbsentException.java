package org.vipboutiques.testing.conditions;

/** A part the environment requires (a {@code VIPB_REQUIRE_*} variable) is out of reach: the test fails. */
public final class RequiredPartAbsentException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  RequiredPartAbsentException(String message) {
    super(message);
  }
}
