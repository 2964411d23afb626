package org.vipboutiques.zenodo;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * GETs with bounds: a timeout on each request, bodies read up to a limit and checked against
 * their Content-Length, 429 answered by waiting Retry-After (up to a limit), 5xx and cut bodies
 * tried again a bounded number of times.
 */
final class ZenodoHttp {

  /** What a failed attempt leaves: retry after a delay, or give up with the exception. */
  private record Failure(ZenodoException error, Duration retryAfter) {}

  private static final int MAX_ERROR_TEXT = 200;

  private final HttpClient client;
  private final Zenodo.Settings settings;
  private final String userAgent;

  ZenodoHttp(Zenodo.Settings settings) {
    this.settings = settings;
    this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    String v = ZenodoHttp.class.getPackage().getImplementationVersion();
    this.userAgent = "vip-boutiques/" + (v == null ? "dev" : v);
  }

  /** The body of a 200 answer to GET {@code uri}, at most {@code maxBytes}; {@code what} names it in errors. */
  byte[] get(URI uri, long maxBytes, String what) throws ZenodoException {
    Failure last = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      if (last != null) {
        sleep(last.retryAfter(), last.error());
      }
      Object outcome = attempt(uri, maxBytes, what);
      if (outcome instanceof byte[] body) {
        return body;
      }
      last = (Failure) outcome;
      if (last.retryAfter() == null) {
        throw last.error();
      }
    }
    throw new ZenodoException(last.error().kind(), last.error().getMessage() + " (after "
        + settings.maxAttempts() + " tries)", last.error());
  }

  /** The body, or a failure (retryable when it has a delay). */
  private Object attempt(URI uri, long maxBytes, String what) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
        .header("User-Agent", userAgent).header("Accept", "application/json, */*").GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      return new Failure(new ZenodoException(ZenodoException.Kind.UNREACHABLE,
          what + ": no answer from " + origin(uri) + " within " + settings.requestTimeout().toSeconds() + " s"),
          settings.retryDelay());
    } catch (ConnectException e) {
      return new Failure(new ZenodoException(ZenodoException.Kind.UNREACHABLE,
          what + ": cannot reach " + origin(uri) + " (" + (e.getMessage() == null ? "no connection" : e.getMessage())
          + "); check the network, or the server's URL", e), null);
    } catch (IOException e) {
      return new Failure(new ZenodoException(ZenodoException.Kind.UNREACHABLE,
          what + ": cannot reach " + origin(uri) + " (" + e.getMessage() + ")", e), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failure(new ZenodoException(ZenodoException.Kind.UNREACHABLE, what + ": interrupted"), null);
    }
    int status = response.statusCode();
    try (InputStream in = response.body()) {
      if (status == 200) {
        return readBody(in, response, maxBytes, what, uri);
      }
      String text = errorText(in);
      if (status == 404 || status == 410) {
        return new Failure(new ZenodoException(ZenodoException.Kind.NOT_FOUND,
            what + ": no such record on " + origin(uri) + " (HTTP " + status + ")"), null);
      }
      if (status == 429) {
        Duration wait = retryAfter(response).orElse(settings.retryDelay());
        if (wait.compareTo(settings.maxRetryAfter()) > 0) {
          return new Failure(new ZenodoException(ZenodoException.Kind.RATE_LIMITED,
              what + ": " + origin(uri) + " is limiting requests (HTTP 429) and asks to wait " + wait.toSeconds()
              + " s, more than the " + settings.maxRetryAfter().toSeconds() + " s allowed; try again later"), null);
        }
        return new Failure(new ZenodoException(ZenodoException.Kind.RATE_LIMITED,
            what + ": " + origin(uri) + " is limiting requests (HTTP 429); try again later"), wait);
      }
      if (status >= 500) {
        return new Failure(new ZenodoException(ZenodoException.Kind.SERVER_ERROR,
            what + ": " + origin(uri) + " failed (HTTP " + status + ")" + text), settings.retryDelay());
      }
      return new Failure(new ZenodoException(ZenodoException.Kind.SERVER_ERROR,
          what + ": " + origin(uri) + " answered HTTP " + status + text), null);
    } catch (IOException e) {
      return new Failure(new ZenodoException(ZenodoException.Kind.BAD_RESPONSE,
          what + ": the answer from " + origin(uri) + " was cut short (" + e.getMessage() + ")", e),
          settings.retryDelay());
    } catch (ZenodoException e) {
      return new Failure(e, e.kind() == ZenodoException.Kind.BAD_RESPONSE && e.getMessage().contains("cut short")
          ? settings.retryDelay() : null);
    }
  }

  private static byte[] readBody(InputStream in, HttpResponse<?> response, long maxBytes, String what, URI uri)
      throws IOException, ZenodoException {
    OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
    if (declared.isPresent() && declared.getAsLong() > maxBytes) {
      throw new ZenodoException(ZenodoException.Kind.BAD_RESPONSE, what + ": the answer from " + origin(uri)
          + " is " + declared.getAsLong() + " bytes, more than the limit of " + maxBytes + " bytes");
    }
    byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
    if (body.length > maxBytes) {
      throw new ZenodoException(ZenodoException.Kind.BAD_RESPONSE, what + ": the answer from " + origin(uri)
          + " is more than the limit of " + maxBytes + " bytes");
    }
    if (declared.isPresent() && declared.getAsLong() != body.length) {
      throw new ZenodoException(ZenodoException.Kind.BAD_RESPONSE, what + ": the answer from " + origin(uri)
          + " was cut short: " + body.length + " of " + declared.getAsLong() + " bytes");
    }
    return body;
  }

  /** The Retry-After header, in seconds or as an HTTP date. */
  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").map(String::trim).flatMap(v -> {
      try {
        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
      } catch (NumberFormatException notSeconds) {
        try {
          Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
          return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException notDate) {
          return Optional.empty();
        }
      }
    });
  }

  private static String errorText(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_ERROR_TEXT);
    String text = new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    return text.isEmpty() ? "" : ": " + text;
  }

  private void sleep(Duration wait, ZenodoException cause) throws ZenodoException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cause;
    }
  }

  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
