package org.vipboutiques.dirac.diracx;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.dirac.DiracException;
import org.vipboutiques.dirac.DiracSettings;

/**
 * HTTP to a DiracX service (java.net.http): bearer tokens from a {@link TokenManager} (refreshed
 * before they expire, and once more on a 401), retries with back-off on dropped connections,
 * timeouts and 502/503/504 (honouring {@code Retry-After}), and the server's clock read from
 * each answer's {@code Date} so status changes are stamped with the server's time.
 */
public final class DiracxHttp {

  private static final Logger LOG = LoggerFactory.getLogger(DiracxHttp.class);

  /** How a request may be retried. */
  public enum Retry {
    /** Safe to repeat: any failure is retried. */
    IDEMPOTENT,
    /** Not safe: a failure after sending is reported as ambiguous, to be reconciled by the caller. */
    ONCE
  }

  /** An answer: status, headers, body. */
  public record Answer(int status, HttpHeaders headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonElement json() throws DiracException {
      try {
        return JsonParser.parseString(text());
      } catch (RuntimeException e) {
        throw new DiracException("DiracX answered " + status + " with a body that is not JSON: " + abbreviate(text()));
      }
    }

    /** FastAPI's {@code detail} (or {@code error}), else the body. */
    public String detail() {
      try {
        JsonElement e = JsonParser.parseString(text());
        if (e.isJsonObject()) {
          JsonObject o = e.getAsJsonObject();
          if (o.has("detail")) {
            return o.get("detail").isJsonPrimitive() ? o.get("detail").getAsString() : o.get("detail").toString();
          }
          if (o.has("error")) {
            return o.get("error").getAsString();
          }
        }
      } catch (RuntimeException e) {
        // not JSON: the body itself
      }
      return abbreviate(text());
    }
  }

  private final URI base;
  private final HttpClient client;
  private final Duration timeout;
  private final int retries;
  private final Duration maxRetryWait;
  private final TokenManager tokens;
  private volatile long clockOffsetMillis;

  public DiracxHttp(String baseUrl, DiracSettings settings) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    this.timeout = settings.httpTimeout();
    this.retries = settings.httpRetries();
    this.maxRetryWait = settings.maxRetryWait();
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    this.tokens = new TokenManager(this, settings);
  }

  public URI base() {
    return base;
  }

  public TokenManager tokens() {
    return tokens;
  }

  /** The server's current time, as far as its answers tell (epoch milliseconds). */
  public long serverNowMillis() {
    return System.currentTimeMillis() + clockOffsetMillis;
  }

  /** An authenticated call on the API; {@code json} is the body, or null. */
  public Answer call(String method, String pathAndQuery, String json, Retry retry) throws DiracException {
    return send(method, base.resolve(pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery),
        json == null ? null : json.getBytes(StandardCharsets.UTF_8), "application/json", true, retry);
  }

  /** A form POST without authentication (the token endpoints). */
  public Answer form(String pathAndQuery, String formBody, Retry retry) throws DiracException {
    return send("POST", base.resolve(pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery),
        formBody.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded", false, retry);
  }

  /** A request to another URL (presigned sandbox URLs), never with the Authorization header. */
  public Answer unauthenticated(String method, URI uri, byte[] body, String contentType, Retry retry)
      throws DiracException {
    return send(method, uri, body, contentType, false, retry);
  }

  private Answer send(String method, URI uri, byte[] body, String contentType, boolean auth, Retry retry)
      throws DiracException {
    boolean refreshed = false;
    String last = "no attempt";
    for (int attempt = 0; attempt <= retries; attempt++) {
      HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout)
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
          .header("Accept", "application/json");
      if (body != null) {
        rb.header("Content-Type", contentType);
      }
      String token = null;
      if (auth) {
        token = tokens.accessToken();
        rb.header("Authorization", "Bearer " + token);
      }
      HttpResponse<byte[]> response;
      try {
        response = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (HttpTimeoutException e) {
        last = "no answer within " + timeout.toSeconds() + "s";
        if (retry == Retry.ONCE) {
          throw new DiracException(method + " " + uri + ": " + last + "; the request may have taken effect", true, true,
              0, e);
        }
        pause(attempt, Optional.empty());
        continue;
      } catch (IOException e) {
        last = "connection failed (" + e + ")";
        if (retry == Retry.ONCE) {
          throw new DiracException(method + " " + uri + ": " + last + "; the request may have taken effect", true, true,
              0, e);
        }
        pause(attempt, Optional.empty());
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DiracException("interrupted during " + method + " " + uri, e);
      }
      readClock(response.headers());
      Answer answer = new Answer(response.statusCode(), response.headers(), response.body());
      int status = answer.status();
      if (status == 401 && auth && !refreshed) {
        refreshed = true;
        tokens.rejected(token);
        attempt--;
        continue;
      }
      boolean unavailable = status == 503 || status == 429;
      boolean gateway = status == 502 || status == 504;
      if (unavailable || gateway && retry == Retry.IDEMPOTENT) {
        last = "HTTP " + status + " (" + answer.detail() + ")";
        pause(attempt, answer.headers().firstValue("Retry-After"));
        continue;
      }
      if (gateway) {
        throw new DiracException(method + " " + uri + ": HTTP " + status + " from a gateway; the request may have"
            + " taken effect", true, true, status, null);
      }
      return answer;
    }
    throw new DiracException("DiracX at " + base + " did not answer " + method + " " + uri.getPath() + " after "
        + (retries + 1) + " tries (last: " + last + "); check the service and the url setting", true, false, 0, null);
  }

  private void pause(int attempt, Optional<String> retryAfter) throws DiracException {
    long millis = Math.min(maxRetryWait.toMillis(), (long) (250 * Math.pow(2, Math.min(attempt, 10))));
    millis += ThreadLocalRandom.current().nextLong(Math.max(1, millis / 4));
    if (retryAfter.isPresent()) {
      try {
        millis = Math.min(maxRetryWait.toMillis(), Long.parseLong(retryAfter.get().trim()) * 1000);
      } catch (NumberFormatException e) {
        // an HTTP date: keep the back-off
      }
    }
    LOG.debug("retrying in {} ms", millis);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DiracException("interrupted while waiting to retry", e);
    }
  }

  private void readClock(HttpHeaders headers) {
    headers.firstValue("Date").ifPresent(d -> {
      try {
        long server = ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        // Date has whole seconds: the server's time lies within the next second.
        clockOffsetMillis = server + 500 - System.currentTimeMillis();
      } catch (RuntimeException e) {
        // an unreadable Date: keep the last offset
      }
    });
  }

  static String abbreviate(String s) {
    String t = s.strip();
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
  }
}
