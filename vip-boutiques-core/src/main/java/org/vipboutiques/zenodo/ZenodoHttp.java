package org.vipboutiques.zenodo;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * GETs with bounds: a deadline on each whole exchange (body included), redirects only on the
 * origin asked and at most {@link #MAX_REDIRECTS}, bodies read up to a limit and checked against
 * their Content-Length, 429 answered by waiting Retry-After (up to a limit), 5xx and cut bodies
 * tried again a bounded number of times.
 */
final class ZenodoHttp {

  /** What a failed attempt leaves: retry after a delay, or give up with the exception. */
  private record Failure(ZenodoException error, Duration retryAfter) {}

  private static final int MAX_ERROR_TEXT = 200;
  /** Redirects followed in one request (all on the origin asked). */
  static final int MAX_REDIRECTS = 5;

  /** Closes bodies at their deadline: a read blocked on a server that trickles its answer then ends. */
  private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "zenodo-deadline");
    t.setDaemon(true);
    return t;
  });

  private final HttpClient client;
  private final Zenodo.Settings settings;
  private final String userAgent;

  ZenodoHttp(Zenodo.Settings settings) {
    this.settings = settings;
    this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
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

  /**
   * The body, or a failure (retryable when it has a delay). The request timeout bounds the whole
   * exchange (headers, redirects and body); redirects are followed only on the origin asked.
   */
  private Object attempt(URI asked, long maxBytes, String what) {
    long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
    URI uri = asked;
    for (int redirects = 0; ; redirects++) {
      Object outcome = exchange(uri, deadline, maxBytes, what);
      if (!(outcome instanceof URI next)) {
        return outcome;
      }
      if (!sameOrigin(asked, next)) {
        return new Failure(new ZenodoException(ZenodoException.Kind.BAD_RESPONSE, what + ": " + origin(uri)
            + " redirects to " + Zenodo.printable(next.toString()) + ", another server; only the server asked ("
            + origin(asked) + ") is read"), null);
      }
      if (redirects == MAX_REDIRECTS) {
        return new Failure(new ZenodoException(ZenodoException.Kind.BAD_RESPONSE, what + ": " + origin(asked)
            + " redirected more than " + MAX_REDIRECTS + " times (a loop?); try again later"), null);
      }
      uri = next;
    }
  }

  /** The body, a failure, or the URI a redirect names. */
  private Object exchange(URI uri, long deadline, long maxBytes, String what) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return new Failure(tooSlow(uri, what), null);
    }
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(left))
        .header("User-Agent", userAgent).header("Accept", "application/json, */*").GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      return new Failure(new ZenodoException(ZenodoException.Kind.UNREACHABLE,
          what + ": no answer from " + origin(uri) + " within the " + limit() + " limit"),
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
    AtomicBoolean expired = new AtomicBoolean();
    InputStream body = response.body();
    ScheduledFuture<?> closer = DEADLINES.schedule(() -> {
      expired.set(true);
      try {
        body.close();
      } catch (IOException ignored) {
        // Closing is only to unblock the reader; the deadline is reported by it.
      }
    }, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    try (InputStream in = body) {
      Object outcome = answer(in, response, status, maxBytes, what, uri);
      if (expired.get()) {
        return new Failure(tooSlow(uri, what), null);
      }
      return outcome;
    } catch (IOException e) {
      if (expired.get()) {
        return new Failure(tooSlow(uri, what), null);
      }
      return new Failure(new ZenodoException(ZenodoException.Kind.BAD_RESPONSE,
          what + ": the answer from " + origin(uri) + " was cut short (" + e.getMessage() + ")", e),
          settings.retryDelay());
    } catch (ZenodoException e) {
      if (expired.get()) {
        return new Failure(tooSlow(uri, what), null);
      }
      return new Failure(e, e.kind() == ZenodoException.Kind.BAD_RESPONSE && e.getMessage().contains("cut short")
          ? settings.retryDelay() : null);
    } finally {
      closer.cancel(false);
    }
  }

  private ZenodoException tooSlow(URI uri, String what) {
    return new ZenodoException(ZenodoException.Kind.UNREACHABLE, what + ": " + origin(uri)
        + " did not finish its answer within the " + limit() + " limit (it sends too slowly); try again later");
  }

  private String limit() {
    Duration d = settings.requestTimeout();
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null && b.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null && b.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
  }

  private Object answer(InputStream in, HttpResponse<?> response, int status, long maxBytes, String what, URI uri)
      throws IOException, ZenodoException {
    if (status == 200) {
      return readBody(in, response, maxBytes, what, uri);
    }
    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
      Optional<String> location = response.headers().firstValue("Location");
      if (location.isPresent()) {
        try {
          return uri.resolve(new URI(location.get().strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
          return new Failure(new ZenodoException(ZenodoException.Kind.BAD_RESPONSE, what + ": " + origin(uri)
              + " redirects to something that is not a URL: " + Zenodo.printable(location.get())), null);
        }
      }
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
