package org.vipboutiques.zenodo;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonInputException;
import org.vipboutiques.json.JsonLimits;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;
import org.vipboutiques.json.JsonValue;

/**
 * Descriptors on Zenodo, as {@code bosh pull} and {@code bosh search} reach them: the same
 * search, the same cache ({@code ~/.cache/boutiques/production/zenodo-N.json}, {@code sandbox/}
 * for the sandbox server), a cached descriptor used without asking the server.
 *
 * <pre>{@code
 * Zenodo zenodo = Zenodo.create();                         // production, ~/.cache/boutiques
 * Path descriptor = zenodo.pull(ZenodoId.parse("zenodo.1482743")).file();
 * SearchResults found = zenodo.search(new SearchQuery("bet", false));
 * }</pre>
 *
 * <p>Base URLs: the system property {@code vipboutiques.zenodo-url} or the variable
 * {@code VIPB_ZENODO_URL} (sandbox: {@code vipboutiques.zenodo-sandbox-url},
 * {@code VIPB_ZENODO_SANDBOX_URL}), else Zenodo's. The cache: {@value #CACHE_DIRECTORY_PROPERTY},
 * else {@code ~/.cache/boutiques} with {@code ~} read as Python reads it ({@code HOME} first).
 * Immutable and thread-safe.
 */
public final class Zenodo {

  /** A system property that moves the cache (the folder holding {@code production} and {@code sandbox}). */
  public static final String CACHE_DIRECTORY_PROPERTY = "vipboutiques.zenodo-cache-directory";
  /** The largest search answer read (25 records are far less). */
  public static final long DEFAULT_MAX_SEARCH_BYTES = 8L << 20;

  /** Timeouts and retries of each request. */
  record Settings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration maxRetryAfter,
      Duration retryDelay) {}

  private final ZenodoServer server;
  private final Map<ZenodoServer, URI> urls;
  private final Map<ZenodoServer, String> misconfigured;
  private final Path cacheRoot;
  private final Settings settings;
  private final long maxSearchBytes;
  private final JsonLimits descriptorLimits;
  private volatile ZenodoHttp http;

  private Zenodo(Builder b) {
    this.server = b.server;
    this.urls = Map.copyOf(b.urls);
    this.misconfigured = Map.copyOf(b.misconfigured);
    this.cacheRoot = b.cacheRoot.toAbsolutePath().normalize();
    this.settings = new Settings(b.connectTimeout, b.requestTimeout, b.maxAttempts, b.maxRetryAfter, b.retryDelay);
    this.maxSearchBytes = b.maxSearchBytes;
    this.descriptorLimits = b.descriptorLimits;
  }

  /** Production, with the base URLs and cache folder of the system properties and environment. */
  public static Zenodo create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The server asked. */
  public ZenodoServer server() {
    return server;
  }

  /** The same, asking {@code other} (the reference's {@code --sandbox}). */
  public Zenodo withServer(ZenodoServer other) {
    if (other == server) {
      return this;
    }
    Builder b = toBuilder();
    b.server = Objects.requireNonNull(other, "other");
    return b.build();
  }

  /** The base URL of the server asked. */
  public URI baseUrl() {
    return urls.get(server);
  }

  /** The folder of the server's cached descriptors. */
  public Path cacheFolder() {
    return cacheRoot.resolve(server.cacheFolder());
  }

  /** Where a record's descriptor is cached (whether or not it is there). */
  public Path cacheFile(ZenodoId id) {
    return cacheFolder().resolve(id.cacheFileName());
  }

  /** The cached descriptor, if there is one. */
  public Optional<Path> cached(ZenodoId id) {
    Path file = cacheFile(id);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /**
   * The record's descriptor in the cache: the cached file when there is one (the server is not
   * asked), else the first file of the record found by the reference's search for its number,
   * downloaded and checked (size and MD5 when Zenodo gives them).
   *
   * @throws ZenodoException when it is not cached and cannot be had
   */
  public Pulled pull(ZenodoId id) throws ZenodoException {
    Optional<Path> cached = cached(id);
    if (cached.isPresent()) {
      return new Pulled(id, cached.get(), true, Optional.empty());
    }
    SearchResults results;
    try {
      results = search(new SearchQuery(id.record(), true));
    } catch (ZenodoException e) {
      throw notCached(id, e);
    }
    ZenodoRecord record = results.records().stream().filter(r -> r.id().equals(id.record())).findFirst()
        .orElseThrow(() -> new ZenodoException(ZenodoException.Kind.NOT_FOUND, id + ": no such record: "
            + baseUrl() + " has no Boutiques descriptor with this id" + (server == ZenodoServer.PRODUCTION
            ? " (one on the sandbox server needs --sandbox)" : "")));
    if (record.files().isEmpty()) {
      throw new ZenodoException(ZenodoException.Kind.BAD_RESPONSE, id + ": the record on " + baseUrl()
          + " has no file to download");
    }
    ZenodoFile file = record.files().get(0);
    URI link = fileLink(id, file);
    String what = id + " (file " + printable(file.key()) + ")";
    byte[] bytes;
    try {
      bytes = http().get(link, descriptorLimits.maxBytes(), what);
    } catch (ZenodoException e) {
      throw notCached(id, e);
    }
    check(what, file, bytes);
    try {
      return new Pulled(id, ZenodoCache.write(cacheFolder(), id.cacheFileName(), bytes), false,
          Optional.of(file.key()));
    } catch (IOException e) {
      throw new ZenodoException(ZenodoException.Kind.CACHE, id + ": cannot write the cache folder "
          + cacheFolder() + ": " + e.getMessage(), e);
    }
  }

  /** Each record once, in the order given (as {@code bosh pull}). */
  public List<Pulled> pull(List<ZenodoId> ids) throws ZenodoException {
    List<Pulled> pulled = new ArrayList<>();
    for (ZenodoId id : new LinkedHashSet<>(ids)) {
      pulled.add(pull(id));
    }
    return pulled;
  }

  /** The first page of the reference's search. */
  public SearchResults search(SearchQuery query) throws ZenodoException {
    URI uri = URI.create(stripSlash(baseUrl().toString()) + query.pathAndQuery());
    String what = "searching " + baseUrl() + " for \"" + query.query() + "\"";
    byte[] body = http().get(uri, maxSearchBytes, what);
    JsonObject answer;
    try {
      answer = new JsonParser(JsonLimits.DEFAULT.withMaxBytes(maxSearchBytes)).parseObject(
          new String(body, StandardCharsets.UTF_8), uri.toString());
    } catch (JsonInputException e) {
      throw new ZenodoException(ZenodoException.Kind.BAD_RESPONSE, what + ": the answer is not Zenodo's JSON ("
          + e.getMessage() + ")", e);
    }
    Optional<JsonObject> hits = answer.object("hits");
    if (hits.isEmpty() || hits.get().array("hits").isEmpty()) {
      throw new ZenodoException(ZenodoException.Kind.BAD_RESPONSE, what
          + ": the answer has no hits.hits list; is " + baseUrl() + " a Zenodo server?");
    }
    List<ZenodoRecord> records = new ArrayList<>();
    for (JsonValue hit : hits.get().array("hits").map(JsonArray::items).orElse(List.of())) {
      ZenodoRecord.fromJson(hit).ifPresent(records::add);
    }
    long total = total(hits.get().get("total").orElse(null), records.size());
    return new SearchResults(total, records, uri);
  }

  /** The reference's cache root: {@value #CACHE_DIRECTORY_PROPERTY}, else {@code ~/.cache/boutiques}. */
  public static Path defaultCacheRoot() {
    String property = System.getProperty(CACHE_DIRECTORY_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    String home = System.getenv("HOME");
    if (home == null || home.isEmpty()) {
      home = System.getProperty("user.home");
    }
    return Path.of(home, ".cache", "boutiques").toAbsolutePath().normalize();
  }

  private Builder toBuilder() {
    Builder b = new Builder();
    b.server = server;
    b.urls.putAll(urls);
    b.misconfigured.putAll(misconfigured);
    b.cacheRoot = cacheRoot;
    b.connectTimeout = settings.connectTimeout();
    b.requestTimeout = settings.requestTimeout();
    b.maxAttempts = settings.maxAttempts();
    b.maxRetryAfter = settings.maxRetryAfter();
    b.retryDelay = settings.retryDelay();
    b.maxSearchBytes = maxSearchBytes;
    b.descriptorLimits = descriptorLimits;
    return b;
  }

  private ZenodoHttp http() throws ZenodoException {
    if (misconfigured.containsKey(server)) {
      throw new ZenodoException(ZenodoException.Kind.UNREACHABLE, misconfigured.get(server));
    }
    ZenodoHttp h = http;
    if (h == null) {
      synchronized (this) {
        if (http == null) {
          http = new ZenodoHttp(settings);
        }
        h = http;
      }
    }
    return h;
  }

  private ZenodoException notCached(ZenodoId id, ZenodoException e) {
    if (e.kind() == ZenodoException.Kind.NOT_FOUND) {
      return e;
    }
    return new ZenodoException(e.kind(), e.getMessage() + "; " + id + " is not in the cache (" + cacheFile(id)
        + ")", e);
  }

  /** The record's file link, if it is on the server asked: a record never makes us fetch elsewhere. */
  private URI fileLink(ZenodoId id, ZenodoFile file) throws ZenodoException {
    URI link;
    try {
      link = new URI(file.link());
    } catch (URISyntaxException e) {
      throw new ZenodoException(ZenodoException.Kind.BAD_RESPONSE, id + ": the record's file link is not a URL: "
          + printable(file.link()));
    }
    URI base = baseUrl();
    String scheme = link.getScheme() == null ? "" : link.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || link.getHost() == null
        || !link.getHost().equalsIgnoreCase(base.getHost()) || port(link) != port(base)) {
      throw new ZenodoException(ZenodoException.Kind.BAD_RESPONSE, id + ": the record's file link "
          + printable(file.link()) + " is not on " + base + "; only files of the server asked are downloaded");
    }
    return link;
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
  }

  private static void check(String what, ZenodoFile file, byte[] bytes) throws ZenodoException {
    if (file.size().isPresent() && file.size().get() != bytes.length) {
      throw new ZenodoException(ZenodoException.Kind.BAD_RESPONSE, what + ": downloaded " + bytes.length
          + " bytes but the record says " + file.size().get() + "; the download was cut short or changed, try again");
    }
    Optional<String> md5 = file.checksum().filter(c -> c.toLowerCase(Locale.ROOT).startsWith("md5:"))
        .map(c -> c.substring(4).toLowerCase(Locale.ROOT));
    if (md5.isPresent()) {
      String actual;
      try {
        actual = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("MD5 is in every Java runtime", e);
      }
      if (!actual.equals(md5.get())) {
        throw new ZenodoException(ZenodoException.Kind.BAD_RESPONSE, what + ": MD5 " + actual
            + " differs from the record's " + printable(md5.get()) + "; the download was cut short or changed, try again");
      }
    }
  }

  private static long total(JsonValue total, int fallback) {
    if (total instanceof JsonNumber n && n.isIntegral()) {
      return n.bigIntegerValue().longValue();
    }
    if (total instanceof JsonObject o) {
      return o.number("value").filter(JsonNumber::isIntegral).map(v -> v.bigIntegerValue().longValue())
          .orElse((long) fallback);
    }
    return fallback;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Server text in a message: one line, bounded. */
  static String printable(String s) {
    String one = s.replaceAll("\\p{Cntrl}", "?");
    return one.length() > 200 ? one.substring(0, 200) + "..." : one;
  }

  /** Builder of {@link Zenodo} instances. */
  public static final class Builder {
    private ZenodoServer server = ZenodoServer.PRODUCTION;
    private final Map<ZenodoServer, URI> urls = new EnumMap<>(ZenodoServer.class);
    private final Map<ZenodoServer, String> misconfigured = new EnumMap<>(ZenodoServer.class);
    private Path cacheRoot;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private int maxAttempts = 4;
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private Duration retryDelay = Duration.ofSeconds(1);
    private long maxSearchBytes = DEFAULT_MAX_SEARCH_BYTES;
    private JsonLimits descriptorLimits = JsonLimits.DEFAULT;

    private Builder() {
      for (ZenodoServer s : ZenodoServer.values()) {
        configure(s);
      }
      cacheRoot = defaultCacheRoot();
    }

    /**
     * The property's or variable's URL; a malformed one is kept as an error that each request
     * reports, so that a bad setting never stops what does not use Zenodo.
     */
    private void configure(ZenodoServer s) {
      String property = System.getProperty(s.urlProperty());
      String variable = System.getenv(s.urlVariable());
      String name = property != null && !property.isBlank() ? "the system property " + s.urlProperty()
          : variable != null && !variable.isBlank() ? "the variable " + s.urlVariable() : null;
      String value = property != null && !property.isBlank() ? property.strip()
          : variable != null && !variable.isBlank() ? variable.strip() : s.defaultUrl();
      try {
        baseUrl(s, new URI(value));
      } catch (URISyntaxException | IllegalArgumentException e) {
        urls.put(s, URI.create(s.defaultUrl()));
        misconfigured.put(s, name + " is not a Zenodo base URL (http(s)://host[:port]): " + printable(value));
      }
    }

    /** The server asked (production by default). */
    public Builder server(ZenodoServer server) {
      this.server = Objects.requireNonNull(server, "server");
      return this;
    }

    /** A server's base URL ({@code https://zenodo.org}, or a mirror, or a test server). */
    public Builder baseUrl(ZenodoServer server, URI url) {
      Objects.requireNonNull(url, "url");
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
        throw new IllegalArgumentException("a Zenodo base URL is http(s)://host[:port]: " + url);
      }
      urls.put(Objects.requireNonNull(server, "server"), url);
      misconfigured.remove(server);
      return this;
    }

    /** The folder holding {@code production/} and {@code sandbox/} (default {@link #defaultCacheRoot()}). */
    public Builder cacheDirectory(Path folder) {
      this.cacheRoot = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /** How long one request may take (connection: its own, 10 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "timeout");
      return this;
    }

    /** How many times a request is made at most when the server fails (5xx, 429, cut answers); 4 by default. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 20) {
        throw new IllegalArgumentException("attempts must be 1 to 20: " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** The longest Retry-After waited for (a longer one fails at once); 60 s by default. */
    public Builder maxRetryAfter(Duration wait) {
      this.maxRetryAfter = Objects.requireNonNull(wait, "wait");
      return this;
    }

    /** The wait before trying again after a 5xx or a cut answer; 1 s by default. */
    public Builder retryDelay(Duration delay) {
      this.retryDelay = Objects.requireNonNull(delay, "delay");
      return this;
    }

    /** The largest search answer read. */
    public Builder maxSearchBytes(long bytes) {
      if (bytes <= 0 || bytes > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("bytes must be positive and below 2 GiB: " + bytes);
      }
      this.maxSearchBytes = bytes;
      return this;
    }

    /** Bounds on a downloaded descriptor (its size is the largest download). */
    public Builder descriptorLimits(JsonLimits limits) {
      this.descriptorLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public Zenodo build() {
      return new Zenodo(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
