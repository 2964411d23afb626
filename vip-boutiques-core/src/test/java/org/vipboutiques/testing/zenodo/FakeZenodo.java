package org.vipboutiques.testing.zenodo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.JsonWriter;

/**
 * A Zenodo-compatible server on the loopback address, written from Zenodo's REST documentation
 * (the records API of InvenioRDM): {@code GET /api/records?q=&page=&size=} (Elasticsearch query
 * string: {@code AND}ed clauses, {@code field:(/regex/)} and {@code (/regex/)} matched against
 * whole lowercased terms; {@code size} at most 25 without a token, else 400), {@code GET
 * /api/records/{id}} and {@code GET /api/records/{id}/files/{key}/content}, with JSON errors
 * ({@code {"status": 404, "message": ...}}). Faults queued per path prefix answer the next
 * requests instead: a status with headers (429 with Retry-After, 5xx), or a body cut short
 * after its Content-Length was sent, a body dripped without end, a redirect. Every request's raw path and query is logged.
 */
public final class FakeZenodo implements AutoCloseable {

  /** What the next request to a path answers instead of the normal reply. */
  public sealed interface Fault {}

  /** A status, headers and a body. */
  public record Status(int code, Map<String, String> headers, String body) implements Fault {}

  /** The normal reply, cut after half of it (its full Content-Length announced). */
  public record Truncate() implements Fault {}

  /** Headers at once, then no Content-Length and one space every {@code millisPerByte}, without end. */
  public record Drip(long millisPerByte) implements Fault {}

  /** A record with one file. */
  public record Entry(long id, String title, String description, long downloads, List<String> keywords,
      String fileKey, byte[] content, Optional<String> fileLink) {}

  private static final Pattern FILE = Pattern.compile("/api/records/(\\d+)/files/([^/]+)/content");
  private static final Pattern RECORD = Pattern.compile("/api/records/(\\d+)/?");

  private final HttpServer server;
  private final ExecutorService handlers;
  private final Map<Long, Entry> records = new LinkedHashMap<>();
  private final Map<String, Deque<Fault>> faults = new LinkedHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private FakeZenodo(HttpServer server, ExecutorService handlers) {
    this.server = server;
    this.handlers = handlers;
  }

  public static FakeZenodo start() throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // A thread per exchange: a dripping answer must not hold up the others.
    ExecutorService handlers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-zenodo");
      t.setDaemon(true);
      return t;
    });
    s.setExecutor(handlers);
    FakeZenodo z = new FakeZenodo(s, handlers);
    s.createContext("/", z::handle);
    s.start();
    return z;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  /** A Boutiques descriptor record (keywords Boutiques, schema-version:0.5, version:1 and {@code more}). */
  public synchronized FakeZenodo add(long id, String title, String description, long downloads, String fileKey,
      byte[] content, String... more) {
    List<String> keywords = new ArrayList<>(List.of("Boutiques", "schema-version:0.5", "version:1"));
    keywords.addAll(Arrays.asList(more));
    return add(new Entry(id, title, description, downloads, keywords, fileKey, content, Optional.empty()));
  }

  public synchronized FakeZenodo add(Entry entry) {
    records.put(entry.id(), entry);
    return this;
  }

  /** Queues faults answered, in order, by the next requests whose path starts with {@code pathPrefix}. */
  public synchronized FakeZenodo fail(String pathPrefix, Fault... next) {
    faults.computeIfAbsent(pathPrefix, p -> new ArrayDeque<>()).addAll(Arrays.asList(next));
    return this;
  }

  public static Status status(int code) {
    return new Status(code, Map.of(), "{\"status\": " + code + ", \"message\": \"failure for the test\"}");
  }

  /** A redirect ({@code code} 301, 302, 303, 307 or 308) to {@code location}. */
  public static Status redirect(int code, String location) {
    return new Status(code, Map.of("Location", location), "");
  }

  public static Status tooManyRequests(String retryAfter) {
    return new Status(429, Map.of("Retry-After", retryAfter),
        "{\"status\": 429, \"message\": \"Too many requests\"}");
  }

  /** Raw path and query of every request, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String raw = path + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
      requests.add(raw);
      Fault fault = nextFault(path);
      if (fault instanceof Status s) {
        s.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        send(exchange, s.code(), s.body().getBytes(StandardCharsets.UTF_8), false);
        return;
      }
      if (fault instanceof Drip d) {
        drip(exchange, d.millisPerByte());
        return;
      }
      boolean truncate = fault instanceof Truncate;
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, error(405, "Method not allowed"), false);
        return;
      }
      Matcher file = FILE.matcher(path);
      Matcher record = RECORD.matcher(path);
      Entry entry;
      if (path.equals("/api/records") || path.equals("/api/records/")) {
        search(exchange, truncate);
      } else if (file.matches()) {
        entry = entry(Long.parseLong(file.group(1)));
        String key = URLDecoder.decode(file.group(2), StandardCharsets.UTF_8);
        if (entry == null || !entry.fileKey().equals(key)) {
          send(exchange, 404, error(404, "The requested file does not exist."), false);
        } else {
          exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
          send(exchange, 200, entry.content(), truncate);
        }
      } else if (record.matches()) {
        entry = entry(Long.parseLong(record.group(1)));
        if (entry == null) {
          send(exchange, 404, error(404, "The persistent identifier does not exist."), false);
        } else {
          sendJson(exchange, hit(entry), truncate);
        }
      } else {
        send(exchange, 404, error(404, "The requested URL was not found on the server."), false);
      }
    } catch (IOException e) {
      // A cut body ends the exchange with an error on purpose.
    }
  }

  private static void drip(HttpExchange exchange, long millisPerByte) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    try {
      // Ends when the client hangs up (the write fails) or the server is closed (interrupt).
      while (true) {
        out.write(' ');
        out.flush();
        Thread.sleep(millisPerByte);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized Fault nextFault(String path) {
    for (Map.Entry<String, Deque<Fault>> f : faults.entrySet()) {
      if (path.startsWith(f.getKey()) && !f.getValue().isEmpty()) {
        return f.getValue().poll();
      }
    }
    return null;
  }

  private synchronized Entry entry(long id) {
    return records.get(id);
  }

  private void search(HttpExchange exchange, boolean truncate) throws IOException {
    Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
    int size;
    int page;
    try {
      size = Integer.parseInt(params.getOrDefault("size", "10"));
      page = Integer.parseInt(params.getOrDefault("page", "1"));
    } catch (NumberFormatException e) {
      send(exchange, 400, error(400, "A validation error occurred."), false);
      return;
    }
    if (size < 1 || size > 25 || page < 1) {
      send(exchange, 400, error(400, "Page size cannot be greater than 25."), false);
      return;
    }
    List<Entry> matching = new ArrayList<>();
    String q = params.getOrDefault("q", "");
    try {
      synchronized (this) {
        for (Entry e : records.values()) {
          if (matches(e, q) && (!params.containsKey("file_type")
              || e.fileKey().toLowerCase(Locale.ROOT).endsWith("." + params.get("file_type")))) {
            matching.add(e);
          }
        }
      }
    } catch (PatternSyntaxException e) {
      send(exchange, 400, error(400, "Invalid query string syntax."), false);
      return;
    }
    int from = Math.min(matching.size(), (page - 1) * size);
    int to = Math.min(matching.size(), from + size);
    List<JsonValue> hits = new ArrayList<>();
    for (Entry e : matching.subList(from, to)) {
      hits.add(hit(e));
    }
    Map<String, JsonValue> links = new LinkedHashMap<>();
    links.put("self", new JsonString(url() + "/api/records?page=" + page + "&size=" + size));
    if (to < matching.size()) {
      links.put("next", new JsonString(url() + "/api/records?page=" + (page + 1) + "&size=" + size));
    }
    Map<String, JsonValue> h = new LinkedHashMap<>();
    h.put("hits", new JsonArray(hits));
    h.put("total", JsonNumber.of(matching.size()));
    Map<String, JsonValue> answer = new LinkedHashMap<>();
    answer.put("hits", new JsonObject(h));
    answer.put("aggregations", JsonObject.EMPTY);
    answer.put("links", new JsonObject(links));
    sendJson(exchange, new JsonObject(answer), truncate);
  }

  /** Elasticsearch's query string as Zenodo's search reads the reference's queries. */
  private static boolean matches(Entry e, String q) {
    if (q.isBlank()) {
      return true;
    }
    for (String clause : q.split(" AND ")) {
      clause = clause.strip();
      String field = "";
      int colon = clause.indexOf(":(");
      if (colon > 0) {
        field = clause.substring(0, colon);
        clause = clause.substring(colon + 1);
      }
      if (!(clause.startsWith("(/") && clause.endsWith("/)"))) {
        String word = clause.replaceAll("[()\"]", "").toLowerCase(Locale.ROOT);
        if (terms(e, field).stream().noneMatch(word::equals)) {
          return false;
        }
        continue;
      }
      Pattern re = Pattern.compile(clause.substring(2, clause.length() - 2), Pattern.DOTALL);
      if (terms(e, field).stream().noneMatch(t -> re.matcher(t).matches())) {
        return false;
      }
    }
    return true;
  }

  private static List<String> terms(Entry e, String field) {
    List<String> terms = new ArrayList<>();
    if (field.equals("keywords")) {
      terms.addAll(e.keywords());
      return terms;
    }
    terms.add(Long.toString(e.id()));
    for (String text : List.of(e.title(), e.description(), String.join(" ", e.keywords()))) {
      for (String t : text.toLowerCase(Locale.ROOT).split("[\\s,;()<>\"'/]+")) {
        if (!t.isEmpty()) {
          terms.add(t);
        }
      }
    }
    return terms;
  }

  private JsonObject hit(Entry e) {
    Map<String, JsonValue> file = new LinkedHashMap<>();
    file.put("id", new JsonString("f" + e.id()));
    file.put("key", new JsonString(e.fileKey()));
    file.put("size", JsonNumber.of(e.content().length));
    file.put("checksum", new JsonString("md5:" + md5(e.content())));
    file.put("links", new JsonObject(Map.of("self", new JsonString(e.fileLink().orElse(
        url() + "/api/records/" + e.id() + "/files/"
        + java.net.URLEncoder.encode(e.fileKey(), StandardCharsets.UTF_8).replace("+", "%20") + "/content")))));
    Map<String, JsonValue> metadata = new LinkedHashMap<>();
    metadata.put("title", new JsonString(e.title()));
    metadata.put("description", new JsonString(e.description()));
    metadata.put("keywords", new JsonArray(e.keywords().stream().<JsonValue>map(JsonString::new).toList()));
    metadata.put("creators", JsonArray.of(new JsonObject(Map.of("name", new JsonString("Doe, Jane")))));
    metadata.put("publication_date", new JsonString("2024-01-0" + (1 + e.id() % 9)));
    metadata.put("version", new JsonString("1.0." + e.id() % 10));
    metadata.put("resource_type", new JsonObject(Map.of("type", new JsonString("software"))));
    Map<String, JsonValue> hit = new LinkedHashMap<>();
    hit.put("id", JsonNumber.of(e.id()));
    hit.put("recid", new JsonString(Long.toString(e.id())));
    hit.put("doi", new JsonString("10.5281/zenodo." + e.id()));
    hit.put("metadata", new JsonObject(metadata));
    hit.put("stats", new JsonObject(Map.of("downloads", JsonNumber.of(e.downloads()),
        "version_downloads", JsonNumber.of(e.downloads()))));
    hit.put("files", JsonArray.of(new JsonObject(file)));
    hit.put("links", new JsonObject(Map.of("self", new JsonString(url() + "/api/records/" + e.id()))));
    return new JsonObject(hit);
  }

  private static byte[] error(int status, String message) {
    return ("{\"status\": " + status + ", \"message\": \"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static void sendJson(HttpExchange exchange, JsonObject body, boolean truncate) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    send(exchange, 200, JsonWriter.pretty(2).write(body).getBytes(StandardCharsets.UTF_8), truncate);
  }

  private static void send(HttpExchange exchange, int status, byte[] body, boolean truncate) throws IOException {
    if (status != 200 && !exchange.getResponseHeaders().containsKey("Content-Type")) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    OutputStream out = exchange.getResponseBody();
    out.write(body, 0, truncate ? body.length / 2 : body.length);
    out.flush();
  }

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : decodeQueryValue(pair.substring(eq + 1));
      params.putIfAbsent(key, value);
    }
    return params;
  }

  /** Percent-decoding as a WSGI server does it for the query string ('+' is a space). */
  private static String decodeQueryValue(String raw) {
    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
