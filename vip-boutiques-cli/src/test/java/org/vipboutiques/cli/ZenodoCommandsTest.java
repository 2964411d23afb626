package org.vipboutiques.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.testing.conditions.EnabledIfReference;
import org.vipboutiques.testing.conditions.Reference;
import org.vipboutiques.testing.zenodo.FakeZenodo;
import org.vipboutiques.zenodo.Zenodo;
import org.vipboutiques.zenodo.ZenodoServer;

/**
 * {@code zenodo.N} wherever a descriptor goes, {@code pull} and {@code search}, against a
 * Zenodo-compatible server; and the same calls of the reference pointed at that server, whose
 * output and cache files must be ours.
 */
class ZenodoCommandsTest {

  static final String TOOL = MainTest.TOOL;
  static final byte[] BYTES = TOOL.getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path home;

  FakeZenodo server;
  Path cacheRoot;

  @BeforeEach
  void start() throws Exception {
    server = FakeZenodo.start();
    server.add(1234567, "Echo tool", "Says what it is given", 12, "echo.json", BYTES)
        .add(7654321, "FSL BET: brain extraction of T1-weighted images, with a long title",
            "<p>Deletes non-brain tissue from an image of the whole head. It can also estimate the inner and outer"
                + " skull surfaces.</p>", 40, "bet.json", BYTES, "docker")
        .add(2222222, "Two lines", "first line\nsecond line", 40, "two.json", BYTES, "singularity")
        .add(3333333, "Accents", "Segmentation des structures cérébrales", 3, "seg.json", BYTES)
        .add(1111111, "Old BET", "Brain extraction, deprecated", 99, "old.json", BYTES, "deprecated");
    cacheRoot = home.resolve(".cache/boutiques");
    System.setProperty(ZenodoServer.PRODUCTION.urlProperty(), server.url());
    System.setProperty(ZenodoServer.SANDBOX.urlProperty(), server.url());
    System.setProperty(Zenodo.CACHE_DIRECTORY_PROPERTY, cacheRoot.toString());
  }

  @AfterEach
  void stop() {
    server.close();
    System.clearProperty(ZenodoServer.PRODUCTION.urlProperty());
    System.clearProperty(ZenodoServer.SANDBOX.urlProperty());
    System.clearProperty(Zenodo.CACHE_DIRECTORY_PROPERTY);
  }

  static MainTest.Run run(String... args) {
    return MainTest.run("", args);
  }

  @Test
  void descriptorCommandsTakeAZenodoId() {
    MainTest.Run v = run("validate", "zenodo.1234567");
    assertEquals(0, v.code(), v.err());
    assertEquals("zenodo.1234567: valid", v.out().strip());
    MainTest.Run s = run("simulate", "zenodo.1234567", "-i", "{\"a\": \"hi\"}");
    assertEquals(0, s.code(), s.err());
    assertTrue(s.out().contains("echo hi"), s.out());
    assertEquals(0, run("invocation", "10.5281/zenodo.1234567", "-i", "{\"a\": \"x\"}").code());
    assertEquals(0, run("example", "zenodo.1234567").code());
    assertEquals(0, run("evaluate", "zenodo.1234567", "{\"a\": \"x\"}", "output-files").code());
    MainTest.Run t = run("test", "zenodo.1234567");
    assertEquals(0, t.code(), t.err());
    assertTrue(t.err().contains("zenodo.1234567: the descriptor has no tests"), t.err());
    assertEquals(2, server.requests().size(), "pulled once, then read from the cache: " + server.requests());
  }

  /**
   * A tool whose test copies a relative File input: {@code bosh test} launches each test in the
   * folder it runs in, so that is where a Zenodo descriptor's relative inputs are (there is no
   * "beside the descriptor" for it but the cache). The input is under target/, relative to the
   * tests' current folder (the module's); its path must not contain "zenodo", or the reference
   * reads the test's invocation as a Zenodo id.
   */
  private String addCopyTool(int record) throws IOException {
    Path folder = Files.createDirectories(Path.of("target", "cwd-inputs-" + System.nanoTime()));
    Files.writeString(folder.resolve("in.txt"), "from the current folder\n");
    String input = folder.resolve("in.txt").toString();
    String tool = "{\"name\": \"copier\", \"description\": \"d\", \"tool-version\": \"1\","
        + " \"schema-version\": \"0.5\", \"command-line\": \"cat [IN] > [IN].copy\","
        + " \"inputs\": [{\"id\": \"in\", \"name\": \"i\", \"type\": \"File\", \"value-key\": \"[IN]\"}],"
        + " \"output-files\": [{\"id\": \"copy\", \"name\": \"c\", \"path-template\": \"[IN].copy\"}],"
        + " \"tests\": [{\"name\": \"copies\", \"invocation\": {\"in\": \"" + input + "\"}, \"assertions\":"
        + " {\"exit-code\": 0, \"output-files\": [{\"id\": \"copy\", \"md5-reference\":"
        + " \"4a47ce0e43ca8c177d2c8869b9f45ea5\"}]}}]}";
    server.add(record, "Copier", "Copies", 1, "copier.json", tool.getBytes(StandardCharsets.UTF_8));
    return input;
  }

  @Test
  void testOfAZenodoIdFindsRelativeInputsInTheCurrentFolder() throws Exception {
    addCopyTool(5555555);
    for (String id : List.of("zenodo.5555555", "10.5281/zenodo.5555555")) {
      MainTest.Run t = run("test", id, "--executor", "local", "--jobs-dir", home.resolve("jobs").toString());
      assertEquals(0, t.code(), id + ": " + t.out() + t.err());
      assertEquals(List.of("PASS copies", "1 passed, 0 failed"), t.out().lines().toList(), id);
    }
  }

  @Test
  @EnabledIfReference
  void theReferenceTestsAZenodoIdsRelativeInputsInTheCurrentFolderToo() throws Exception {
    assumeRequests();
    assumePytest();
    String input = addCopyTool(5555556);
    Bosh expected = bosh("test", "zenodo.5555556");
    assertEquals(0, expected.code(), expected.out());
    assertTrue(expected.out().contains("1 passed"), expected.out());
    assertEquals("from the current folder\n", Files.readString(Path.of(input + ".copy")), "written where bosh test ran");
  }

  static void assumePytest() throws Exception {
    Process p = new ProcessBuilder(Reference.python().toString(), "-c", "import pytest").start();
    boolean present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    String reason = "the reference's test command needs pytest: install Debian's python3-pytest";
    if (!present && System.getenv("VIPB_REQUIRE_REFERENCE") != null) {
      org.junit.jupiter.api.Assertions.fail(reason + " (VIPB_REQUIRE_REFERENCE is set)");
    }
    Assumptions.assumeTrue(present, reason);
  }

  @Test
  void launchRunsAZenodoDescriptor() {
    server.add(4444444, "Runnable", "Runs", 1, "run.json", MainTest.RUNNABLE.getBytes(StandardCharsets.UTF_8));
    MainTest.Run r = run("launch", "zenodo.4444444", "{\"name\": \"w\", \"code\": 5}", "--executor", "local",
        "--jobs-dir", home.resolve("jobs").toString(), "--skip-data-collection");
    assertEquals(5, r.code(), r.err());
  }

  @Test
  void sandboxReadsTheSandboxCache() throws Exception {
    Path sandboxed = cacheRoot.resolve("sandbox/zenodo-55.json");
    Files.createDirectories(sandboxed.getParent());
    Files.writeString(sandboxed, TOOL);
    server.close();
    MainTest.Run r = run("validate", "--sandbox", "zenodo.55");
    assertEquals(0, r.code(), r.err());
    MainTest.Run production = run("validate", "zenodo.55");
    assertEquals(69, production.code(), "the server is down and the production cache lacks it");
    assertTrue(production.err().contains("zenodo.55") && production.err().contains("not in the cache"),
        production.err());
  }

  @Test
  void pullCachesAndSaysSoWhenVerbose() throws Exception {
    MainTest.Run quiet = run("pull", "zenodo.1234567");
    assertEquals(0, quiet.code(), quiet.err());
    assertEquals("", quiet.out());
    Path file = cacheRoot.resolve("production/zenodo-1234567.json");
    assertArrayEquals(BYTES, Files.readAllBytes(file));
    MainTest.Run verbose = run("pull", "-v", "zenodo.1234567", "zenodo.7654321", "zenodo.1234567");
    assertEquals(0, verbose.code(), verbose.err());
    assertEquals(List.of("[ INFO ] Discarded duplicate id zenodo.1234567",
        "[ INFO ] Using Zenodo endpoint " + server.url(),
        "[ INFO ] Found cached file at " + file,
        "[ INFO ] Downloading descriptor bet.json",
        "[ INFO ] Downloaded descriptor to " + cacheRoot.resolve("production/zenodo-7654321.json")),
        verbose.out().lines().toList());
  }

  @Test
  void failuresExitWithTheirCode() {
    MainTest.Run missing = run("pull", "zenodo.999");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("zenodo.999: no such record"), missing.err());
    MainTest.Run notAnId = run("pull", "123");
    assertEquals(2, notAnId.code());
    assertTrue(notAnId.err().contains("prefixed by 'zenodo'"), notAnId.err());
    server.fail("/api/records", FakeZenodo.status(500), FakeZenodo.status(500), FakeZenodo.status(500),
        FakeZenodo.status(500));
    MainTest.Run down = run("search", "bet");
    assertEquals(69, down.code(), down.err());
    assertTrue(down.err().contains("HTTP 500"), down.err());
    server.close();
    MainTest.Run offline = run("validate", "zenodo.7654321");
    assertEquals(69, offline.code(), offline.err());
    assertTrue(offline.err().contains("cannot reach") && offline.err().contains("not in the cache"), offline.err());
  }

  @Test
  void searchPrintsTheReferenceTable() {
    MainTest.Run r = run("search", "-m", "3");
    assertEquals(0, r.code(), r.err());
    assertEquals(String.join("\n",
        "[ INFO ] Showing 3 of 4 result(s), excluding 1 deprecated result(s).",
        "ID              TITLE                                        DESCRIPTION                                    DOWNLOADS",
        "zenodo.7654321  FSL BET: brain extraction of T1-weighted...  <p>Deletes non-brain tissue from an imag...           40",
        "zenodo.2222222  Two lines                                    first line                                            40",
        "                                                             second line",
        "zenodo.1234567  Echo tool                                    Says what it is given                                 12",
        ""), r.out());
  }

  // ---- the reference, pointed at the same server (its base URL is not configurable: the
  // ---- script replaces ZenodoHelper.get_zenodo_endpoint, the one place that names it)

  static final String PATCHED_BOSH = String.join("\n",
      "import sys",
      "sys.path.insert(0, sys.argv[1])",
      "url = sys.argv[2]",
      "import boutiques.zenodoHelper as z",
      "def endpoint(self):",
      "    if self.verbose:",
      "        print('[ INFO ] Using Zenodo endpoint ' + url)",
      "    return url",
      "z.ZenodoHelper.get_zenodo_endpoint = endpoint",
      "from boutiques.bosh import bosh",
      "sys.argv = ['bosh'] + sys.argv[3:]",
      "sys.exit(bosh(sys.argv[1:]) or 0)");

  record Bosh(int code, String out) {}

  Bosh bosh(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Reference.python().toString(), "-c", PATCHED_BOSH,
        Reference.folder().toString(), server.url()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("HOME", home.toString());
    pb.environment().put("PYTHONIOENCODING", "utf-8");
    // bosh test runs pytest, whose cache would land in the reference's own folder.
    pb.environment().put("PYTEST_ADDOPTS", "-p no:cacheprovider");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bosh gave no answer within 60 s");
    return new Bosh(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static void assumeRequests() throws Exception {
    Process p = new ProcessBuilder(Reference.python().toString(), "-c", "import requests").start();
    boolean present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    String reason = "the reference's pull and search need requests: install Debian's python3-requests";
    if (!present && System.getenv("VIPB_REQUIRE_REFERENCE") != null) {
      org.junit.jupiter.api.Assertions.fail(reason + " (VIPB_REQUIRE_REFERENCE is set)");
    }
    Assumptions.assumeTrue(present, reason);
  }

  @Test
  @EnabledIfReference
  void searchPrintsWhatTheReferencePrints() throws Exception {
    assumeRequests();
    List<List<String>> calls = List.of(List.of(), List.of("bet"), List.of("-m", "2"), List.of("-nt"),
        List.of("-v"), List.of("-e", "Echo"), List.of("-m", "30", "-nt", "-v"), List.of("nothing-matches"), List.of("-m", "0"), List.of("-m", "-1"),
        List.of("brain extraction"), List.of("t1/weighted"));
    for (List<String> options : calls) {
      List<String> args = new ArrayList<>(List.of("search"));
      args.addAll(options);
      Bosh expected = bosh(args.toArray(String[]::new));
      MainTest.Run ours = run(args.toArray(String[]::new));
      assertEquals(0, expected.code(), expected.out());
      assertEquals(0, ours.code(), ours.err());
      // The reference's Searcher prints Zenodo's URL, whichever server it asks.
      assertEquals(expected.out().replace("endpoint https://zenodo.org", "endpoint " + server.url()), ours.out(),
          "search " + options);
    }
  }

  @Test
  @EnabledIfReference
  void theCacheIsSharedWithTheReference() throws Exception {
    assumeRequests();
    Bosh pulled = bosh("pull", "zenodo.7654321");
    assertEquals(0, pulled.code(), pulled.out());
    Path theirs = cacheRoot.resolve("production/zenodo-7654321.json");
    assertArrayEquals(BYTES, Files.readAllBytes(theirs));
    MainTest.Run ours = run("pull", "zenodo.1234567");
    assertEquals(0, ours.code(), ours.err());
    try (var files = Files.list(cacheRoot.resolve("production"))) {
      assertEquals(List.of("zenodo-1234567.json", "zenodo-7654321.json"),
          files.map(f -> f.getFileName().toString()).sorted().toList(), "the same names, nothing else");
    }
    server.close();
    MainTest.Run readsTheirs = run("validate", "zenodo.7654321");
    assertEquals(0, readsTheirs.code(), readsTheirs.err());
    Bosh readsOurs = bosh("validate", "zenodo.1234567");
    assertEquals(0, readsOurs.code(), readsOurs.out());
    Bosh found = bosh("pull", "-v", "zenodo.1234567");
    assertTrue(found.out().contains("Found cached file at " + cacheRoot.resolve("production/zenodo-1234567.json")),
        found.out());
    assertFalse(found.out().contains("ERROR"), found.out());
  }
}
