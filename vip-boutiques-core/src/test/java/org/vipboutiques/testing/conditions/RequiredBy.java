package org.vipboutiques.testing.conditions;

import java.util.Optional;

/** The {@code VIPB_REQUIRE_*} variables that turn an absent part into a failure (CI sets them). */
public final class RequiredBy {

  private RequiredBy() {}

  /** Whether {@code variable} is set to require its part: any value but empty, {@code 0} or {@code false}. */
  public static boolean isSet(String variable) {
    return value(variable).filter(v -> !v.equals("0") && !v.equalsIgnoreCase("false")).isPresent();
  }

  /** The number {@code variable} holds (e.g. VIPB_REQUIRE_SLURM_NODES=2), 0 where unset, 1 for a non-number. */
  public static int number(String variable) {
    Optional<String> v = value(variable);
    if (v.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseInt(v.get());
    } catch (NumberFormatException e) {
      return isSet(variable) ? 1 : 0;
    }
  }

  private static Optional<String> value(String variable) {
    return Optional.ofNullable(System.getenv(variable)).map(String::strip).filter(s -> !s.isEmpty());
  }
}
