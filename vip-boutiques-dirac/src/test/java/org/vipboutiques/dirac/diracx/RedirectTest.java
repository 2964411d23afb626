package org.vipboutiques.dirac.diracx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.dirac.DiracException;
import org.vipboutiques.dirac.DiracSettings;

/**
 * Credentials go to their origin only (issue 11, item 5), against real HTTP servers on two
 * loopback origins: the DiracX service on one port, "another host" on another, which records
 * every request it gets.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedirectTest {

  static final String ACCESS = "access-token-SECRET";
  static final String REFRESH = "refresh-token-SECRET";

  @TempDir
  Path tmp;

  HttpServer service;
  HttpServer other;
  final List<String> otherSaw = new CopyOnWriteArrayList<>();
  final List<String> serviceSaw = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    other.createContext("/", x -> {
      otherSaw.add(x.getRequestMethod() + " " + x.getRequestURI() + " auth=" + x.getRequestHeaders().getFirst(
          "Authorization") + " body=" + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      reply(x, 200, "{\"ok\": true}", Map.of());
    });
    other.start();
    service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    String elsewhere = "http://localhost:" + other.getAddress().getPort();
    service.createContext("/", x -> {
      String path = x.getRequestURI().getPath();
      serviceSaw.add(x.getRequestMethod() + " " + path + " auth=" + x.getRequestHeaders().getFirst("Authorization"));
      x.getRequestBody().readAllBytes();
      switch (path) {
        case "/api/away" -> reply(x, 302, "", Map.of("Location", elsewhere + "/stolen"));
        case "/api/away307" -> reply(x, 307, "", Map.of("Location", elsewhere + "/stolen"));
        case "/api/here" -> reply(x, 302, "", Map.of("Location", "/api/landing"));
        case "/api/landing" -> reply(x, 200, "{\"landed\": true}", Map.of());
        case "/api/auth/token" -> reply(x, 307, "", Map.of("Location", elsewhere + "/token"));
        case "/big" -> reply(x, 200, "x".repeat(2_000_000), Map.of());
        case "/api/insecure" -> reply(x, 302, "", Map.of("Location", "http://example.org/x"));
        default -> reply(x, 404, "{\"detail\": \"no\"}", Map.of());
      }
    });
    service.start();
  }

  @AfterEach
  void stop() {
    service.stop(0);
    other.stop(0);
  }

  static void reply(HttpExchange x, int status, String body, Map<String, String> headers) throws IOException {
    headers.forEach((k, v) -> x.getResponseHeaders().add(k, v));
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      x.getResponseBody().write(b);
    }
    x.close();
  }

  DiracxHttp http(long expiresOn) throws IOException {
    Path credentials = tmp.resolve("credentials.json");
    Files.writeString(credentials, "{\"access_token\": \"" + ACCESS + "\", \"refresh_token\": \"" + REFRESH
        + "\", \"expires_on\": " + expiresOn + "}");
    String url = "http://127.0.0.1:" + service.getAddress().getPort();
    DiracSettings s = DiracSettings.of(Map.of("transport", "diracx", "url", url, "token-file", credentials.toString(),
        "http-retries", "0", "http-timeout", "5s"), Map.of());
    return new DiracxHttp(url, s);
  }

  @Test
  void theBearerTokenIsNotSentToAnotherOriginOnARedirect() throws Exception {
    DiracxHttp http = http(System.currentTimeMillis() / 1000 + 3600);
    http.call("GET", "api/away", null, DiracxHttp.Retry.IDEMPOTENT);
    http.call("POST", "api/away307", "{}", DiracxHttp.Retry.IDEMPOTENT);
    assertEquals(2, otherSaw.size(), otherSaw.toString());
    for (String seen : otherSaw) {
      assertTrue(seen.contains("auth=null") && !seen.contains(ACCESS), "no token to another origin: " + seen);
    }
  }

  @Test
  void aRedirectWithinTheOriginKeepsTheToken() throws Exception {
    DiracxHttp http = http(System.currentTimeMillis() / 1000 + 3600);
    DiracxHttp.Answer a = http.call("GET", "api/here", null, DiracxHttp.Retry.IDEMPOTENT);
    assertEquals(200, a.status());
    assertTrue(serviceSaw.contains("GET /api/landing auth=Bearer " + ACCESS), serviceSaw.toString());
  }

  @Test
  void theRefreshTokenIsNeverResentOnARedirect() throws Exception {
    DiracxHttp http = http(0); // expired: the next call refreshes it
    assertThrows(DiracException.class, () -> http.call("GET", "api/landing", null, DiracxHttp.Retry.IDEMPOTENT));
    assertTrue(otherSaw.isEmpty(), "the token request was not followed elsewhere: " + otherSaw);
    assertTrue(serviceSaw.stream().anyMatch(s -> s.startsWith("POST /api/auth/token")), serviceSaw.toString());
  }

  @Test
  void plainHttpBeyondThisMachineIsRefused() throws Exception {
    Path credentials = tmp.resolve("c.json");
    Files.writeString(credentials, "{\"access_token\": \"a\", \"expires_on\": 9999999999}");
    DiracSettings s = DiracSettings.of(Map.of("transport", "diracx", "url", "http://dirac.example.org",
        "token-file", credentials.toString()), Map.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DiracxHttp("http://dirac.example.org", s));
    assertTrue(e.getMessage().contains("https"), e.getMessage());
    DiracxHttp http = http(System.currentTimeMillis() / 1000 + 3600);
    DiracException d = assertThrows(DiracException.class,
        () -> http.call("GET", "api/insecure", null, DiracxHttp.Retry.IDEMPOTENT));
    assertTrue(d.getMessage().contains("example.org") && d.getMessage().contains("https"), d.getMessage());
  }

  /** Issue 11 item 14: a sandbox download is streamed to disk and stops at the unpack limit. */
  @Test
  void aDownloadLargerThanTheLimitStopsWithOneLine() throws Exception {
    DiracxHttp http = http(System.currentTimeMillis() / 1000 + 3600);
    Path file = tmp.resolve("sandbox.part");
    DiracException e = assertThrows(DiracException.class, () -> http.download(
        java.net.URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/big"), file, 1_000_000));
    assertTrue(e.getMessage().contains("sandbox-unpack-limit") && !e.getMessage().contains("\n"), e.getMessage());
    assertTrue(Files.size(file) <= 1_000_000, "stopped at the limit");
  }
}
