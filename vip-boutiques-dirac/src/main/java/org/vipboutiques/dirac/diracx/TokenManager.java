package org.vipboutiques.dirac.diracx;

import com.google.gson.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.vipboutiques.dirac.DiracAuthException;
import org.vipboutiques.dirac.DiracException;
import org.vipboutiques.dirac.DiracSettings;

/**
 * DiracX access tokens: read from the environment ({@code DIRACX_ACCESS_TOKEN}, optionally
 * {@code DIRACX_REFRESH_TOKEN} and {@code DIRACX_TOKEN_EXPIRES_ON}) or the credentials file,
 * refreshed when under 300 s remain or when the service refuses one (the refresh token rotates:
 * the file is re-read under its lock first, so a token another process already rotated is
 * adopted rather than reused), and obtained with the OAuth2 device flow.
 */
public final class TokenManager {

  /** Refresh when fewer seconds than this remain, as the Python client does. */
  public static final long REFRESH_MARGIN_SECONDS = 300;

  private final DiracxHttp http;
  private final DiracSettings settings;
  private final CredentialsFile file;
  private Credentials current;
  private boolean fromEnvironment;

  TokenManager(DiracxHttp http, DiracSettings settings) {
    this.http = http;
    this.settings = settings;
    this.file = new CredentialsFile(settings.tokenFile());
  }

  public CredentialsFile file() {
    return file;
  }

  /** A valid access token, refreshed first when it is about to expire. */
  public synchronized String accessToken() throws DiracAuthException {
    if (current == null) {
      current = load();
    }
    long now = nowSeconds();
    if (current.secondsLeft(now) < REFRESH_MARGIN_SECONDS) {
      if (current.refreshToken().isPresent()) {
        refresh(current);
      } else if (current.secondsLeft(now) <= 0) {
        throw new DiracAuthException("the DiracX access token expired and there is no refresh token; log in again"
            + " with `vip-boutiques dirac login`");
      }
    }
    return current.accessToken();
  }

  /** The service refused {@code token}: refresh, unless another thread already did. */
  public synchronized void rejected(String token) throws DiracAuthException {
    if (current == null || !current.accessToken().equals(token)) {
      return;
    }
    if (current.refreshToken().isEmpty()) {
      if (!fromEnvironment) {
        Optional<Credentials> onDisk = file.read();
        if (onDisk.isPresent() && !onDisk.get().accessToken().equals(token)) {
          current = onDisk.get();
          return;
        }
      }
      throw new DiracAuthException("DiracX refused the access token and there is no refresh token; log in again"
          + " with `vip-boutiques dirac login`");
    }
    refresh(new Credentials(current.accessToken(), current.refreshToken(), 0));
  }

  private Credentials load() throws DiracAuthException {
    String envToken = settings.environment().get("DIRACX_ACCESS_TOKEN");
    if (envToken != null && !envToken.isBlank()) {
      fromEnvironment = true;
      long expires = Long.MAX_VALUE;
      String e = settings.environment().get("DIRACX_TOKEN_EXPIRES_ON");
      if (e != null && !e.isBlank()) {
        try {
          expires = Long.parseLong(e.trim());
        } catch (NumberFormatException x) {
          throw new DiracAuthException("DIRACX_TOKEN_EXPIRES_ON must be epoch seconds, not \"" + e + "\"");
        }
      }
      return new Credentials(envToken.trim(),
          Optional.ofNullable(settings.environment().get("DIRACX_REFRESH_TOKEN")).filter(s -> !s.isBlank()), expires);
    }
    return file.read().orElseThrow(() -> new DiracAuthException("no DiracX credentials in " + file.path()
        + " (nor DIRACX_ACCESS_TOKEN in the environment): log in with `vip-boutiques dirac login`, or point the"
        + " token-file setting (or DIRACX_CREDENTIALS_PATH) at the file `dirac login` of DiracX's client wrote"));
  }

  private void refresh(Credentials stale) throws DiracAuthException {
    if (fromEnvironment) {
      current = exchange(stale.refreshToken().orElseThrow());
      return;
    }
    current = file.locked(() -> {
      Optional<Credentials> onDisk = file.read();
      if (onDisk.isPresent() && !onDisk.get().accessToken().equals(stale.accessToken())
          && onDisk.get().secondsLeft(nowSeconds()) >= REFRESH_MARGIN_SECONDS) {
        return onDisk.get();
      }
      String refreshToken = onDisk.flatMap(Credentials::refreshToken).orElse(stale.refreshToken().orElseThrow());
      Credentials fresh = exchange(refreshToken);
      file.write(fresh);
      return fresh;
    });
  }

  private Credentials exchange(String refreshToken) throws DiracAuthException {
    DiracxHttp.Answer a;
    try {
      // Never retried after a lost answer: the old refresh token is spent, and reusing it revokes them all.
      a = http.form("api/auth/token", "grant_type=refresh_token&refresh_token=" + enc(refreshToken)
          + "&client_id=" + enc(settings.clientId()), DiracxHttp.Retry.ONCE);
    } catch (DiracException e) {
      throw new DiracAuthException("cannot refresh the DiracX token: " + e.getMessage()
          + "; if this persists, log in again with `vip-boutiques dirac login`", e);
    }
    if (a.status() != 200) {
      throw new DiracAuthException("DiracX refused to refresh the token (HTTP " + a.status() + ": " + a.detail()
          + "); a login lasts at most about an hour: log in again with `vip-boutiques dirac login`");
    }
    return tokens(a, Optional.of(refreshToken));
  }

  private Credentials tokens(DiracxHttp.Answer a, Optional<String> previousRefresh) throws DiracAuthException {
    return tokens(a, previousRefresh, nowSeconds());
  }

  /**
   * The credentials of a token answer. One that cannot be read is described by its size only: its
   * text (or a parser's message quoting it) may hold a token, and the message goes to logs.
   */
  static Credentials tokens(DiracxHttp.Answer a, Optional<String> previousRefresh, long now)
      throws DiracAuthException {
    try {
      JsonObject o = com.google.gson.JsonParser.parseString(a.text()).getAsJsonObject();
      long expiresIn = o.has("expires_in") ? o.get("expires_in").getAsLong() : 1200;
      Optional<String> refresh = o.has("refresh_token") && !o.get("refresh_token").isJsonNull()
          ? Optional.of(o.get("refresh_token").getAsString()) : previousRefresh;
      return new Credentials(o.get("access_token").getAsString(), refresh, now + expiresIn - 15);
    } catch (RuntimeException e) {
      throw new DiracAuthException("DiracX's token answer (HTTP " + a.status() + ", " + a.body().length
          + " bytes) is not a JSON object with an access_token and a numeric expires_in; if this persists, log in"
          + " again with `vip-boutiques dirac login`");
    }
  }

  /**
   * Logs in with the OAuth2 device flow: asks for a code, hands it to {@code prompt} (which shows
   * the user where to enter it), polls until the user has approved, then writes the
   * credentials file.
   *
   * @param scope e.g. {@code vo:biomed group:biomed_user}; may be empty
   */
  public synchronized Credentials login(String scope, Consumer<DeviceCode> prompt, Duration pollInterval)
      throws DiracException {
    String query = "api/auth/device?client_id=" + enc(settings.clientId()) + "&scope=" + enc(scope);
    DiracxHttp.Answer a = http.form(query, "", DiracxHttp.Retry.IDEMPOTENT);
    if (a.status() != 200) {
      throw new DiracAuthException("DiracX refused to start a login (HTTP " + a.status() + ": " + a.detail()
          + "); check the client-id and scope settings");
    }
    JsonObject o = a.json().getAsJsonObject();
    String deviceCode = o.get("device_code").getAsString();
    long expiresIn = o.has("expires_in") ? o.get("expires_in").getAsLong() : 600;
    prompt.accept(new DeviceCode(o.get("user_code").getAsString(), o.get("verification_uri").getAsString(),
        o.has("verification_uri_complete") ? o.get("verification_uri_complete").getAsString()
            : o.get("verification_uri").getAsString(), expiresIn));
    long deadline = System.nanoTime() + Duration.ofSeconds(expiresIn).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DiracAuthException("the login was interrupted");
      }
      DiracxHttp.Answer t = http.form("api/auth/token", "grant_type=" + enc("urn:ietf:params:oauth:grant-type:device_code")
          + "&client_id=" + enc(settings.clientId()) + "&device_code=" + enc(deviceCode), DiracxHttp.Retry.ONCE);
      if (t.status() == 200) {
        Credentials c = tokens(t, Optional.empty());
        if (!fromEnvironment) {
          file.locked(() -> {
            file.write(c);
            return null;
          });
        }
        current = c;
        return c;
      }
      if (t.status() == 400 && t.text().contains("authorization_pending")) {
        continue;
      }
      throw new DiracAuthException("the login failed (HTTP " + t.status() + ": " + t.detail() + "); start again with"
          + " `vip-boutiques dirac login`");
    }
    throw new DiracAuthException("the login code expired before it was approved; start again with"
        + " `vip-boutiques dirac login`");
  }

  private static long nowSeconds() {
    return System.currentTimeMillis() / 1000;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
