package org.vipboutiques.dirac.diracx;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *
 * <p>Credentials go to their origin only: redirects are followed here, not by the HTTP client
 * (which keeps {@code Authorization} on a redirect to another host), the bearer token only to the
 * origin it was meant for, a token request (which carries the refresh token) never redirected;
 * plain {@code http://} is refused except to this machine (loopback).
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

  /** Redirects followed for one request, at most. */
  static final int MAX_REDIRECTS = 5;

  public DiracxHttp(String baseUrl, DiracSettings settings) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    insecure(base).ifPresent(why -> {
      throw new IllegalArgumentException("setting url: " + why);
    });
    this.timeout = settings.httpTimeout();
    this.retries = settings.httpRetries();
    this.maxRetryWait = settings.maxRetryWait();
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
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
    // A token request carries the refresh token (or a device code) in its body: never redirected.
    boolean mayRedirect = auth || !"application/x-www-form-urlencoded".equals(contentType);
    for (int attempt = 0; attempt <= retries; attempt++) {
      String token = auth ? tokens.accessToken() : null;
      HttpResponse<byte[]> response;
      try {
        response = exchange(method, uri, body, contentType, token, mayRedirect, HttpResponse.BodyHandlers.ofByteArray());
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

  /**
   * Downloads {@code uri} (a presigned URL: no credentials sent) into {@code file}, streaming, at
   * most {@code maxBytes}; retried on failures like any idempotent request.
   *
   * @return the HTTP status; the file holds the body when it is 200
   */
  public int download(URI uri, Path file, long maxBytes) throws DiracException {
    String last = "no attempt";
    for (int attempt = 0; attempt <= retries; attempt++) {
      HttpResponse<InputStream> response;
      try {
        response = exchange("GET", uri, null, null, null, true, HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        last = "no answer within " + timeout.toSeconds() + "s";
        pause(attempt, Optional.empty());
        continue;
      } catch (IOException e) {
        last = "connection failed (" + e + ")";
        pause(attempt, Optional.empty());
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DiracException("interrupted during GET " + uri.getPath(), e);
      }
      int status = response.statusCode();
      try (InputStream in = response.body()) {
        if (status == 503 || status == 429 || status == 502 || status == 504) {
          last = "HTTP " + status;
          pause(attempt, response.headers().firstValue("Retry-After"));
          continue;
        }
        if (status != 200) {
          return status;
        }
        try (OutputStream out = Files.newOutputStream(file)) {
          byte[] buffer = new byte[64 * 1024];
          long total = 0;
          for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > maxBytes) {
              throw new DiracException("the download of " + uri.getPath() + " is larger than " + maxBytes
                  + " bytes, the most sandbox-unpack-limit allows; raise that setting if the outputs are real");
            }
            out.write(buffer, 0, n);
          }
        }
        return status;
      } catch (IOException e) {
        last = "connection failed during the download (" + e + ")";
        pause(attempt, Optional.empty());
      }
    }
    throw new DiracException("cannot download " + uri.getPath() + " after " + (retries + 1) + " tries (last: " + last
        + ")", true, false, 0, null);
  }

  /**
   * One request, its redirects followed here: the bearer {@code token} (or null) goes only to the
   * origin of {@code uri}, never to another one a redirect names; a request that must not be
   * redirected ends in an exception that says where it was sent.
   */
  private <T> HttpResponse<T> exchange(String method, URI uri, byte[] body, String contentType, String token,
      boolean mayRedirect, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException, DiracException {
    URI current = uri;
    String m = method;
    byte[] b = body;
    String credential = token;
    for (int hop = 0; ; hop++) {
      Optional<String> insecure = insecure(current);
      if (insecure.isPresent()) {
        throw new DiracException(m + " " + current.getPath() + ": " + insecure.get(), false, false, 0, null);
      }
      HttpRequest.Builder rb = HttpRequest.newBuilder(current).timeout(timeout)
          .method(m, b == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(b))
          .header("Accept", "application/json");
      if (b != null && contentType != null) {
        rb.header("Content-Type", contentType);
      }
      if (credential != null) {
        rb.header("Authorization", "Bearer " + credential);
      }
      HttpResponse<T> response = client.send(rb.build(), handler);
      int status = response.statusCode();
      Optional<String> location = response.headers().firstValue("Location");
      if (!(status == 301 || status == 302 || status == 303 || status == 307 || status == 308) || location.isEmpty()) {
        return response;
      }
      if (response.body() instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          // the redirect's own body: nothing to keep
        }
      }
      URI next;
      try {
        next = current.resolve(location.get().trim());
      } catch (IllegalArgumentException e) {
        throw new DiracException(m + " " + current.getPath() + ": redirected to an unreadable Location", false, false,
            status, null);
      }
      if (!mayRedirect) {
        throw new DiracException("DiracX redirected the token request " + current.getPath() + " to " + origin(next)
            + next.getPath() + "; vip-boutiques does not resend a refresh token or device code on a redirect: set"
            + " url to the service's final address", false, false, status, null);
      }
      if (hop >= MAX_REDIRECTS) {
        throw new DiracException(method + " " + uri.getPath() + ": more than " + MAX_REDIRECTS + " redirects",
            false, false, status, null);
      }
      if (!origin(next).equals(origin(current))) {
        credential = null; // the token stays with its origin, also on the way back
      }
      if (status == 303 || (status == 301 || status == 302) && !m.equals("GET") && !m.equals("HEAD")) {
        m = "GET";
        b = null;
      }
      LOG.debug("{} redirected to {}{}", current.getPath(), origin(next), next.getPath());
      current = next;
    }
  }

  /** scheme://host:port, with the scheme's default port made explicit. */
  static String origin(URI u) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
    int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    String host = u.getHost() == null ? "" : u.getHost().toLowerCase(java.util.Locale.ROOT);
    return scheme + "://" + host + ":" + port;
  }

  /** Why a request to {@code u} would expose what it carries, if it would: plain http beyond this machine. */
  static Optional<String> insecure(URI u) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (scheme.equals("https")) {
      return Optional.empty();
    }
    if (scheme.equals("http") && isLoopback(u.getHost())) {
      return Optional.empty();
    }
    return Optional.of("refusing " + (scheme.isEmpty() ? "a URL without scheme" : scheme + "://") + " to "
        + (u.getHost() == null ? u : u.getHost()) + ": tokens and presigned URLs travel only over https (plain http"
        + " only to this machine); use the service's https:// address");
  }

  private static boolean isLoopback(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Literal addresses only: a name is not looked up (a DNS answer must not decide this).
    if (h.matches("[0-9.]+") || h.contains(":")) {
      try {
        return java.net.InetAddress.getByName(h).isLoopbackAddress();
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }
    return false;
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
