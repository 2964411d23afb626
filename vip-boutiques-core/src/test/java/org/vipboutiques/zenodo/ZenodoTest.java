package org.vipboutiques.zenodo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.json.JsonLimits;
import org.vipboutiques.testing.zenodo.FakeZenodo;

class ZenodoTest {

  static final String TOOL = "{\"name\": \"echo-tool\", \"description\": \"d\", \"tool-version\": \"1\","
      + " \"schema-version\": \"0.5\", \"command-line\": \"echo [A]\", \"inputs\": ["
      + "{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"value-key\": \"[A]\"}]}";
  static final byte[] BYTES = TOOL.getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path cache;

  FakeZenodo server;

  @BeforeEach
  void start() throws Exception {
    server = FakeZenodo.start();
    server.add(1234567, "Echo tool", "Says what it is given", 12, "echo.json", BYTES)
        .add(7654321, "FSL BET", "Brain extraction", 40, "bet.json", BYTES, "docker")
        .add(1111111, "Old BET", "Brain extraction, deprecated", 99, "old.json", BYTES, "deprecated");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Zenodo zenodo() {
    return Zenodo.builder().baseUrl(ZenodoServer.PRODUCTION, URI.create(server.url()))
        .baseUrl(ZenodoServer.SANDBOX, URI.create(server.url())).cacheDirectory(cache)
        .retryDelay(Duration.ofMillis(20)).maxRetryAfter(Duration.ofSeconds(5)).build();
  }

  @Test
  void pullsIntoTheReferenceCacheOwnerOnlyAndThenReadsTheCacheWithoutTheServer() throws Exception {
    Pulled pulled = zenodo().pull(ZenodoId.parse("zenodo.1234567"));
    Path expected = cache.resolve("production/zenodo-1234567.json");
    assertEquals(expected, pulled.file());
    assertFalse(pulled.fromCache());
    assertEquals(Optional.of("echo.json"), pulled.remoteName());
    assertArrayEquals(BYTES, Files.readAllBytes(expected));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(expected)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(expected.getParent())));
    try (Stream<Path> files = Files.list(expected.getParent())) {
      assertEquals(List.of(expected), files.toList(), "no temporary file left");
    }
    int asked = server.requests().size();
    assertEquals(2, asked, "one search, one download: " + server.requests());
    server.close();
    Pulled again = zenodo().pull(ZenodoId.parse("10.5281/zenodo.1234567"));
    assertTrue(again.fromCache());
    assertEquals(expected, again.file());
  }

  @Test
  void searchesAsTheReferenceDoes() throws Exception {
    zenodo().pull(ZenodoId.parse("zenodo.1234567"));
    assertEquals("/api/records/?q=keywords:(/Boutiques/)%20AND%20keywords:(/schema.*/)%20AND%20"
        + "keywords:(/version.*/)%20AND%20(/1234567/)&file_type=json&type=software&page=1&size=25",
        server.requests().get(0));
    assertEquals("/api/records/1234567/files/echo.json/content", server.requests().get(1));
    SearchResults found = zenodo().search(new SearchQuery("bet", false));
    assertTrue(server.requests().get(2).contains("%20AND%20(/.*%5BBb%5D%5BEe%5D%5BTt%5D.*/)&"), server.requests().get(2));
    assertEquals(2, found.total());
    assertEquals(List.of("7654321", "1111111"), found.records().stream().map(ZenodoRecord::id).toList());
  }

  @Test
  void listsAsTheReference() throws Exception {
    SearchResults all = zenodo().search(new SearchQuery("boutiques", false));
    SearchListing listing = SearchListing.of(all, null, false, false);
    assertEquals("[ INFO ] Showing 2 of 2 result(s), excluding 1 deprecated result(s).", listing.summary());
    assertEquals(List.of(List.of("zenodo.7654321", "FSL BET", "Brain extraction", java.math.BigInteger.valueOf(40)),
        List.of("zenodo.1234567", "Echo tool", "Says what it is given", java.math.BigInteger.valueOf(12))),
        listing.rows());
    SearchListing verbose = SearchListing.of(all, 1, true, false);
    assertEquals("[ INFO ] Showing 1 of 3 result(s).", verbose.summary());
    assertEquals(List.of("zenodo.1111111", "Old BET", "Brain extraction, deprecated", "2024-01-08", true,
        java.math.BigInteger.valueOf(99), "Doe, Jane", "1.0.1", "10.5281/zenodo.1111111", "0.5", "None",
        "Boutiques,version:1,deprecated"), verbose.rows().get(0));
  }

  @Test
  void sandboxHasItsOwnFolder() throws Exception {
    Pulled pulled = zenodo().withServer(ZenodoServer.SANDBOX).pull(ZenodoId.parse("zenodo.7654321"));
    assertEquals(cache.resolve("sandbox/zenodo-7654321.json"), pulled.file());
  }

  @Test
  void anUnknownRecordIsNoSuchRecord() {
    ZenodoException e = assertThrows(ZenodoException.class, () -> zenodo().pull(ZenodoId.parse("zenodo.999")));
    assertEquals(ZenodoException.Kind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("zenodo.999: no such record"), e.getMessage());
  }

  @Test
  void aMissingFileIsNoSuchRecordAndNothingIsCached() {
    server.fail("/api/records/1234567/files", FakeZenodo.status(404));
    ZenodoException e = assertThrows(ZenodoException.class, () -> zenodo().pull(ZenodoId.parse("zenodo.1234567")));
    assertEquals(ZenodoException.Kind.NOT_FOUND, e.kind(), e.getMessage());
    assertFalse(Files.exists(cache.resolve("production/zenodo-1234567.json")));
  }

  @Test
  void tooManyRequestsWaitsRetryAfterThenSucceeds() throws Exception {
    server.fail("/api/records/", FakeZenodo.tooManyRequests("1"));
    zenodo().pull(ZenodoId.parse("zenodo.1234567"));
    assertEquals(3, server.requests().size(), server.requests().toString());
  }

  @Test
  void aRetryAfterLongerThanAllowedFailsAtOnce() {
    server.fail("/api/records/", FakeZenodo.tooManyRequests("3600"));
    ZenodoException e = assertThrows(ZenodoException.class,
        () -> zenodo().search(new SearchQuery("bet", false)));
    assertEquals(ZenodoException.Kind.RATE_LIMITED, e.kind());
    assertTrue(e.getMessage().contains("asks to wait 3600 s"), e.getMessage());
    assertEquals(1, server.requests().size());
  }

  @Test
  void serverErrorsAreRetriedABoundedNumberOfTimes() throws Exception {
    server.fail("/api/records/", FakeZenodo.status(503), FakeZenodo.status(502));
    assertEquals(2, zenodo().search(new SearchQuery("bet", false)).total());
    assertEquals(3, server.requests().size());
    server.fail("/api/records/", FakeZenodo.status(500), FakeZenodo.status(500), FakeZenodo.status(500),
        FakeZenodo.status(500), FakeZenodo.status(500));
    ZenodoException e = assertThrows(ZenodoException.class, () -> zenodo().search(new SearchQuery("bet", false)));
    assertEquals(ZenodoException.Kind.SERVER_ERROR, e.kind());
    assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("after 4 tries"), e.getMessage());
    assertEquals(3 + 4, server.requests().size());
  }

  @Test
  void aCutSearchIsAClearError() {
    server.fail("/api/records/", new FakeZenodo.Truncate(), new FakeZenodo.Truncate(), new FakeZenodo.Truncate(),
        new FakeZenodo.Truncate());
    ZenodoException e = assertThrows(ZenodoException.class, () -> zenodo().search(new SearchQuery("bet", false)));
    assertEquals(ZenodoException.Kind.BAD_RESPONSE, e.kind());
    assertTrue(e.getMessage().contains("cut short"), e.getMessage());
  }

  @Test
  void aCutDownloadIsRetriedThenCached() throws Exception {
    server.fail("/api/records/1234567/files", new FakeZenodo.Truncate());
    Pulled pulled = zenodo().pull(ZenodoId.parse("zenodo.1234567"));
    assertArrayEquals(BYTES, Files.readAllBytes(pulled.file()));
  }

  @Test
  void aCutDownloadIsNeverCached() {
    server.fail("/api/records/1234567/files", new FakeZenodo.Truncate(), new FakeZenodo.Truncate(),
        new FakeZenodo.Truncate(), new FakeZenodo.Truncate());
    ZenodoException e = assertThrows(ZenodoException.class, () -> zenodo().pull(ZenodoId.parse("zenodo.1234567")));
    assertTrue(e.getMessage().contains("cut short") && e.getMessage().contains("is not in the cache"), e.getMessage());
    assertFalse(Files.exists(cache.resolve("production/zenodo-1234567.json")));
  }

  @Test
  void answersLargerThanTheLimitAreRefused() {
    Zenodo small = Zenodo.builder().baseUrl(ZenodoServer.PRODUCTION, URI.create(server.url())).cacheDirectory(cache)
        .maxSearchBytes(100).descriptorLimits(JsonLimits.DEFAULT.withMaxBytes(10)).build();
    ZenodoException e = assertThrows(ZenodoException.class, () -> small.search(new SearchQuery("bet", false)));
    assertTrue(e.getMessage().contains("more than the limit of 100 bytes"), e.getMessage());
  }

  @Test
  void aRecordNamesNoPathAndNoOtherServer() throws Exception {
    server.add(new FakeZenodo.Entry(42, "Hostile", "names", 0,
        List.of("Boutiques", "schema-version:0.5", "version:1"), "../../escape.json", BYTES, Optional.empty()));
    Pulled pulled = zenodo().pull(ZenodoId.parse("zenodo.42"));
    assertEquals(cache.resolve("production/zenodo-42.json"), pulled.file());
    assertFalse(Files.exists(cache.resolve("escape.json")));
    assertFalse(Files.exists(cache.getParent().resolve("escape.json")));
    server.add(new FakeZenodo.Entry(43, "Elsewhere", "link", 0,
        List.of("Boutiques", "schema-version:0.5", "version:1"), "x.json", BYTES,
        Optional.of("file:///etc/passwd")));
    ZenodoException e = assertThrows(ZenodoException.class, () -> zenodo().pull(ZenodoId.parse("zenodo.43")));
    assertTrue(e.getMessage().contains("is not on " + server.url()), e.getMessage());
  }

  @Test
  @Timeout(120) // a hang guard, not a speed assertion: before the fix this never ended
  void aServerDrippingItsAnswerIsCutAtTheDeadline() {
    Zenodo impatient = Zenodo.builder().baseUrl(ZenodoServer.PRODUCTION, URI.create(server.url()))
        .cacheDirectory(cache).retryDelay(Duration.ofMillis(20)).requestTimeout(Duration.ofSeconds(1)).build();
    server.fail("/api/records", new FakeZenodo.Drip(200));
    ZenodoException e = assertThrows(ZenodoException.class, () -> impatient.search(new SearchQuery("bet", false)));
    assertEquals(ZenodoException.Kind.UNREACHABLE, e.kind());
    assertTrue(e.getMessage().contains(server.url()) && e.getMessage().contains("within the 1 s limit"),
        e.getMessage());
    assertEquals(1, server.requests().size(), "a server too slow once is not asked again at once");
    server.fail("/api/records/1234567/files", new FakeZenodo.Drip(200));
    e = assertThrows(ZenodoException.class, () -> impatient.pull(ZenodoId.parse("zenodo.1234567")));
    assertTrue(e.getMessage().contains("within the 1 s limit") && e.getMessage().contains("not in the cache"),
        e.getMessage());
    assertFalse(Files.exists(cache.resolve("production/zenodo-1234567.json")));
  }

  @Test
  void redirectsAreFollowedOnlyOnTheServerAsked() throws Exception {
    server.fail("/api/records/1234567/files", FakeZenodo.redirect(302, "/api/records/1234567/files/echo.json/content"));
    assertArrayEquals(BYTES, Files.readAllBytes(zenodo().pull(ZenodoId.parse("zenodo.1234567")).file()));
    try (FakeZenodo other = FakeZenodo.start()) {
      other.add(7654321, "FSL BET", "Brain extraction", 40, "bet.json", BYTES, "docker");
      server.fail("/api/records/7654321/files",
          FakeZenodo.redirect(302, other.url() + "/api/records/7654321/files/bet.json/content"));
      ZenodoException e = assertThrows(ZenodoException.class, () -> zenodo().pull(ZenodoId.parse("zenodo.7654321")));
      assertEquals(ZenodoException.Kind.BAD_RESPONSE, e.kind());
      assertTrue(e.getMessage().contains("redirects to " + other.url()) && e.getMessage().contains("another server"),
          e.getMessage());
      server.fail("/api/records", FakeZenodo.redirect(307, other.url() + "/api/records?q=bet"));
      e = assertThrows(ZenodoException.class, () -> zenodo().search(new SearchQuery("bet", false)));
      assertTrue(e.getMessage().contains("another server"), e.getMessage());
      assertEquals(List.of(), other.requests(), "the other server is never asked");
      assertFalse(Files.exists(cache.resolve("production/zenodo-7654321.json")));
    }
    FakeZenodo.Fault[] loop = new FakeZenodo.Fault[ZenodoHttp.MAX_REDIRECTS + 1];
    java.util.Arrays.fill(loop, FakeZenodo.redirect(301, server.url() + "/api/records/1111111/files/old.json/content"));
    server.fail("/api/records/1111111/files", loop);
    ZenodoException e = assertThrows(ZenodoException.class, () -> zenodo().pull(ZenodoId.parse("zenodo.1111111")));
    assertTrue(e.getMessage().contains("redirected more than " + ZenodoHttp.MAX_REDIRECTS + " times"), e.getMessage());
  }

  @Test
  void anUnreachableServerSaysTheDescriptorIsNotCached() {
    server.close();
    ZenodoException e = assertThrows(ZenodoException.class, () -> zenodo().pull(ZenodoId.parse("zenodo.1234567")));
    assertEquals(ZenodoException.Kind.UNREACHABLE, e.kind());
    assertTrue(e.getMessage().contains("cannot reach") && e.getMessage().contains("not in the cache"), e.getMessage());
  }

  @Test
  void boutiquesLoadsAZenodoId() throws Exception {
    Boutiques boutiques = Boutiques.builder().zenodo(zenodo()).build();
    Descriptor d = boutiques.load("zenodo.1234567");
    assertEquals("echo-tool", d.name());
    assertEquals(cache.resolve("production/zenodo-1234567.json"), boutiques.descriptorFile("zenodo.1234567"));
  }

  @Test
  void aMalformedUrlSettingFailsOnlyWhatAsksZenodo() throws Exception {
    System.setProperty(ZenodoServer.PRODUCTION.urlProperty(), "not a url");
    try {
      Boutiques boutiques = Boutiques.create();
      Path file = Files.writeString(cache.resolve("tool.json"), TOOL);
      assertEquals("echo-tool", boutiques.load(file.toString()).name());
      ZenodoException e = assertThrows(ZenodoException.class, () -> boutiques.load("zenodo.1"));
      assertTrue(e.getMessage().contains("the system property vipboutiques.zenodo-url is not a Zenodo base URL"),
          e.getMessage());
    } finally {
      System.clearProperty(ZenodoServer.PRODUCTION.urlProperty());
    }
  }

  @Test
  void idsAreReadAsTheReferenceReadsThem() throws Exception {
    assertTrue(ZenodoId.looksLikeOne("zenodo.12"));
    assertTrue(ZenodoId.looksLikeOne("10.5281/zenodo.12"));
    assertFalse(ZenodoId.looksLikeOne("tool.json"));
    assertEquals("12", ZenodoId.parse("10.5281/zenodo.12").record());
    assertEquals("zenodo-12.json", ZenodoId.parse("Zenodo.12").cacheFileName());
    ZenodoException e = assertThrows(ZenodoException.class, () -> ZenodoId.parse("zenodo.../x"));
    assertEquals(ZenodoException.Kind.INVALID_ID, e.kind());
    assertThrows(ZenodoException.class, () -> ZenodoId.parse("zenodo.1/../2"));
  }
}
