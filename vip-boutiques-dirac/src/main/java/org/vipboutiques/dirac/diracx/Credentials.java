package org.vipboutiques.dirac.diracx;

import java.util.Objects;
import java.util.Optional;

/**
 * DiracX tokens, as the Python client keeps them in its credentials file:
 * {@code {"access_token", "refresh_token", "expires_on"}}.
 *
 * @param expiresOn when the access token expires, in epoch seconds (already 15 s early, as the
 *     Python client writes it); {@link Long#MAX_VALUE} when unknown
 */
public record Credentials(String accessToken, Optional<String> refreshToken, long expiresOn) {

  public Credentials {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
  }

  /** Seconds left before the access token expires (negative once expired). */
  public long secondsLeft(long nowEpochSeconds) {
    return expiresOn == Long.MAX_VALUE ? Long.MAX_VALUE : expiresOn - nowEpochSeconds;
  }

  @Override
  public String toString() {
    return "Credentials[expiresOn=" + expiresOn + ", refresh=" + refreshToken.isPresent() + "]";
  }
}
