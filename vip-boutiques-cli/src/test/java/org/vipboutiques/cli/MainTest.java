package org.vipboutiques.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;

class MainTest {

  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  static final String TOOL = "{\"name\": \"t\", \"description\": \"d\", \"tool-version\": \"1\","
      + " \"schema-version\": \"0.5\", \"command-line\": \"echo [A] [N]\", \"inputs\": ["
      + "{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"value-key\": \"[A]\"},"
      + "{\"id\": \"n\", \"name\": \"n\", \"type\": \"Number\", \"value-key\": \"[N]\", \"optional\": true,"
      + " \"command-line-flag\": \"-n\", \"maximum\": 5}],"
      + " \"output-files\": [{\"id\": \"o\", \"name\": \"o\", \"path-template\": \"[A].txt\"}]}";

  Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void validateSaysValidAndExitsZero() throws Exception {
    Run r = run("", "validate", file("t.json", TOOL).toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("valid"));
  }

  @Test
  void validateListsErrorsOnePerLineAndExitsOne() throws Exception {
    Path bad = file("bad.json", TOOL.replace("\"optional\": true,", "\"optional\": true, \"integer\": 3,"));
    Run r = run("", "validate", bad.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().lines().allMatch(l -> l.startsWith(bad.toString() + ": ")), r.err());
  }

  @Test
  void validateJsonReportsEachFile() throws Exception {
    Path good = file("t.json", TOOL);
    Path broken = file("broken.json", "{\"name\": ");
    Run r = run("", "validate", "--json", good.toString(), broken.toString());
    assertEquals(1, r.code());
    JsonArray results = (JsonArray) JsonParser.withDefaults().parse(r.out(), "out");
    assertEquals(2, results.size());
    JsonObject second = (JsonObject) results.get(1);
    assertEquals(false, second.bool("valid").orElseThrow());
    JsonObject error = (JsonObject) second.array("errors").orElseThrow().get(0);
    assertEquals("json", error.string("rule").orElseThrow());
    assertTrue(error.string("message").orElseThrow().contains(":1:"), "line and column: " + error);
  }

  @Test
  void standardInputIsADash() {
    Run r = run(TOOL, "validate", "-");
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void simulatePrintsTheCommandLineAlone() throws Exception {
    Run r = run("", "simulate", file("t.json", TOOL).toString(), "-i", "{\"a\": \"it's\", \"n\": 2.0}");
    assertEquals(0, r.code(), r.err());
    assertEquals("echo 'it'\"'\"'s' -n 2.0\n", r.out());
  }

  @Test
  void simulateJsonHasPathsAndConfigFiles() throws Exception {
    Run r = run("", "simulate", "--json", file("t.json", TOOL).toString(), "-i", "{\"a\": \"x\"}");
    JsonObject o = (JsonObject) JsonParser.withDefaults().parse(r.out(), "out");
    assertEquals("echo x", o.string("command-line").orElseThrow());
    assertEquals("x.txt", o.object("output-files").orElseThrow().string("o").orElseThrow());
    assertTrue(o.object("config-files").isPresent());
  }

  @Test
  void anInvalidInvocationExitsOneAndSaysWhy() throws Exception {
    Run r = run("", "simulate", file("t.json", TOOL).toString(), "-i", "{\"a\": \"x\", \"n\": 9}");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("input \"n\": 9 is above the maximum 5"), r.err());
  }

  @Test
  void exampleIsReproducibleAndValid() throws Exception {
    Path tool = file("t.json", TOOL);
    Run a = run("", "example", tool.toString(), "--seed", "7", "--complete");
    Run b = run("", "example", tool.toString(), "--seed", "7", "--complete");
    assertEquals(0, a.code(), a.err());
    assertEquals(a.out(), b.out());
    assertEquals(0, run("", "invocation", tool.toString(), "-i", a.out()).code());
  }

  @Test
  void invocationPrintsTheSchema() throws Exception {
    Run r = run("", "invocation", file("t.json", TOOL).toString());
    assertEquals(0, r.code());
    assertTrue(r.out().contains("\"required\": [\n        \"a\"\n    ]"), r.out());
  }

  @Test
  void evaluateAnswersQueries() throws Exception {
    Run r = run("", "evaluate", file("t.json", TOOL).toString(), "{\"a\": \"x\"}", "output-files");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\"o\": \"x.txt\""), r.out());
  }

  @Test
  void pprintDescribesTheTool() throws Exception {
    Run r = run("", "pprint", file("t.json", TOOL).toString());
    assertEquals(0, r.code());
    assertTrue(r.out().contains("-n n  (Number, optional)"), r.out());
  }

  @Test
  void usageErrorsExitTwoWithoutAStackTrace() {
    for (String[] args : new String[][] {{"nosuch"}, {"validate"}, {"validate", "/no/such/file.json"},
        {"simulate", "--bogus", "x"}, {}}) {
      Run r = run("", args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertTrue(!r.err().contains("\tat "), r.err());
    }
  }

  static final String RUNNABLE = "{\"name\": \"greeter\", \"description\": \"d\", \"tool-version\": \"1\","
      + " \"schema-version\": \"0.5\", \"command-line\": \"echo hello [NAME] > [OUT]; exit [CODE]\","
      + " \"inputs\": [{\"id\": \"name\", \"name\": \"n\", \"type\": \"String\", \"value-key\": \"[NAME]\"},"
      + " {\"id\": \"code\", \"name\": \"c\", \"type\": \"Number\", \"integer\": true, \"value-key\": \"[CODE]\","
      + " \"optional\": true, \"default-value\": 0}],"
      + " \"output-files\": [{\"id\": \"out\", \"name\": \"o\", \"path-template\": \"[NAME].txt\", \"value-key\": \"[OUT]\"}],"
      + " \"tests\": [{\"name\": \"good\", \"invocation\": {\"name\": \"a\"}, \"assertions\": {\"exit-code\": 0,"
      + " \"output-files\": [{\"id\": \"out\", \"md5-reference\": \"b7f0c50af63522f1641870d56bd56002\"}]}},"
      + " {\"name\": \"bad\", \"invocation\": {\"name\": \"a\", \"code\": 3}, \"assertions\": {\"exit-code\": 0}}]}";

  @Test
  void launchRunsTheToolAndExitsWithItsCode() throws Exception {
    Path tool = file("tool.json", RUNNABLE);
    String jobs = dir.resolve("jobs").toString();
    Run ok = run("", "launch", tool.toString(), "{\"name\": \"world\"}", "--jobs-dir", jobs);
    assertEquals(0, ok.code(), ok.err() + ok.out());
    assertTrue(ok.out().contains("echo hello world > world.txt; exit 0"), ok.out());
    assertTrue(ok.out().contains("world.txt (out)"), ok.out());
    Run failed = run("", "launch", tool.toString(), "{\"name\": \"w\", \"code\": 5}", "--jobs-dir", jobs, "--json");
    assertEquals(5, failed.code());
    JsonObject result = (JsonObject) JsonParser.withDefaults().parse(failed.out(), "out");
    assertEquals("failed", result.string("state").orElseThrow());
    assertEquals("5", result.number("exit-code").orElseThrow().literal());
  }

  /** {@code --cache DIR}: the second identical launch is a hit, said in the summary and the JSON. */
  @Test
  void launchWithACacheAnswersAnIdenticalJobFromIt() throws Exception {
    Path tool = file("tool.json", RUNNABLE);
    String jobs = dir.resolve("jobs").toString();
    String cache = dir.resolve("cache").toString();
    Run first = run("", "launch", tool.toString(), "{\"name\": \"world\"}", "--jobs-dir", jobs, "--cache", cache);
    assertEquals(0, first.code(), first.err() + first.out());
    assertTrue(first.out().contains("(succeeded, ") && !first.out().contains("cache hit"), first.out());
    Run second = run("", "launch", tool.toString(), "{\"name\": \"world\"}", "--jobs-dir", jobs, "--cache", cache);
    assertEquals(0, second.code(), second.err() + second.out());
    assertTrue(second.out().contains(", cache hit)"), second.out());
    assertTrue(second.out().contains("world.txt (out)"), second.out());
    Run json = run("", "launch", tool.toString(), "{\"name\": \"world\"}", "--jobs-dir", jobs, "--cache", cache,
        "--json");
    JsonObject result = (JsonObject) JsonParser.withDefaults().parse(json.out(), "out");
    assertEquals(true, result.bool("cache-hit").orElseThrow());
    Path out = Path.of(((org.vipboutiques.json.JsonString) result.object("output-files").orElseThrow().array("out")
        .orElseThrow().items().get(0)).value());
    assertEquals("hello world\n", Files.readString(out));
  }

  /**
   * {@code --retries N --retry-exit-codes C}: a tool exiting with a listed code runs again (the
   * retry said on stderr while streaming, every attempt in the summary and the JSON); another code
   * runs once. A bad value is a usage error naming the setting.
   */
  @Test
  void launchWithRetriesRunsAListedExitCodeAgain() throws Exception {
    Path tool = file("tool.json", RUNNABLE);
    String jobs = dir.resolve("jobs").toString();
    Run retried = run("", "launch", tool.toString(), "{\"name\": \"w\", \"code\": 75}", "--jobs-dir", jobs,
        "--retries", "2", "--retry-backoff", "0s", "--retry-exit-codes", "75", "--stream");
    assertEquals(75, retried.code(), retried.err() + retried.out());
    assertEquals(2, retried.err().split("attempt \\d failed \\(tool: exit code 75\\); retrying", -1).length - 1,
        retried.err());
    assertTrue(retried.out().contains("Attempts\n  1: "), retried.out());
    assertTrue(retried.out().contains("  3: "), retried.out());
    Run json = run("", "launch", tool.toString(), "{\"name\": \"w\", \"code\": 5}", "--jobs-dir", jobs,
        "--retries", "2", "--retry-backoff", "0s", "--retry-exit-codes", "75", "--json");
    assertEquals(5, json.code(), json.err() + json.out());
    JsonObject result = (JsonObject) JsonParser.withDefaults().parse(json.out(), "out");
    assertEquals("tool", result.string("failure-kind").orElseThrow());
    assertEquals(1, result.array("attempts").orElseThrow().items().size(), json.out());
    Run bad = run("", "launch", tool.toString(), "{\"name\": \"w\"}", "--jobs-dir", jobs, "--retry-backoff", "soon");
    assertEquals(2, bad.code(), bad.err() + bad.out());
    assertTrue(bad.err().contains("retry-backoff"), bad.err());
  }

  /** {@code --cache-max-size}: read as a size; a value that is none is a usage error saying which. */
  @Test
  void launchWithACacheBoundKeepsTheCacheWithinIt() throws Exception {
    Path tool = file("tool.json", RUNNABLE);
    String jobs = dir.resolve("jobs").toString();
    String cache = dir.resolve("cache").toString();
    Run bounded = run("", "launch", tool.toString(), "{\"name\": \"world\"}", "--jobs-dir", jobs, "--cache", cache,
        "--cache-max-size", "0", "--cache-max-age", "30d");
    assertEquals(0, bounded.code(), bounded.err() + bounded.out());
    try (var entries = Files.list(dir.resolve("cache/entries"))) {
      assertEquals(0, entries.count(), "a cache of 0 bytes keeps nothing");
    }
    Run bad = run("", "launch", tool.toString(), "{\"name\": \"world\"}", "--jobs-dir", jobs, "--cache", cache,
        "--cache-max-size", "lots");
    assertEquals(2, bad.code(), bad.err() + bad.out());
    assertTrue(bad.err().contains("cache-max-size must be a size such as 500M or 10G, not \"lots\""), bad.err());
  }

  /** The first line a tool prints at once is streamed too (a listener added after submit could miss it). */
  @Test
  void launchStreamShowsEveryLineFromTheFirst() throws Exception {
    Path tool = file("talker.json", "{\"name\": \"talker\", \"description\": \"d\", \"tool-version\": \"1\","
        + " \"schema-version\": \"0.5\", \"command-line\": \"echo first; echo oops >&2; echo second\","
        + " \"inputs\": [{\"id\": \"x\", \"name\": \"x\", \"type\": \"String\", \"optional\": true}]}");
    String jobs = dir.resolve("jobs").toString();
    for (int i = 0; i < 10; i++) {
      Run r = run("", "launch", tool.toString(), "{}", "--jobs-dir", jobs, "--stream");
      assertEquals(0, r.code(), r.err() + r.out());
      assertTrue(r.out().startsWith("first\nsecond\n"), r.out());
      assertTrue(r.err().contains("oops\n"), r.err());
    }
  }

  @Test
  void launchRefusesAMisspelledSettingAndListsTheKnownOnes() throws Exception {
    Path tool = file("tool.json", RUNNABLE);
    Run r = run("", "launch", tool.toString(), "{\"name\": \"w\"}", "--jobs-dir", dir.resolve("jobs").toString(),
        "--executor", "local", "-o", "timout=5m");
    assertEquals(2, r.code(), r.err() + r.out());
    assertTrue(r.err().contains("unknown setting \"timout\" (did you mean \"timeout\"?) for the local executor;"
        + " its settings are cache, cache-max-age, cache-max-size, keep-jobs, keep-jobs-for, retries, retry-backoff,"
        + " retry-exit-codes, timeout"), r.err());
  }

  @Test
  void testRunsTheDescriptorsTestsOneLineEach() throws Exception {
    Path tool = file("tool.json", RUNNABLE);
    Run r = run("", "test", tool.toString(), "--jobs-dir", dir.resolve("jobs").toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("PASS good\n"), r.out());
    assertTrue(r.out().contains("FAIL bad: exit code 3, expected 0"), r.out());
    assertTrue(r.out().endsWith("1 passed, 1 failed\n"), r.out());
  }

  @Test
  void diracJdlPrintsWhatWouldBeSubmitted() throws Exception {
    Path tool = file("tool.json", RUNNABLE.replace("\"tests\":", "\"custom\": {\"vip:gpu\": 1},"
        + " \"suggested-resources\": {\"cpu-cores\": 4}, \"tests\":"));
    Run r = run("", "dirac", "jdl", tool.toString(), "{\"name\": \"w\"}", "-o", "site=LCG.X.fr");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Tags = {\"GPU\"}"), r.out());
    assertTrue(r.out().contains("NumberOfProcessors = 4"), r.out());
    assertTrue(r.out().contains("Site = \"LCG.X.fr\""), r.out());
    assertEquals(2, run("", "dirac", "status", "not-a-number").code());
  }

  @Test
  void everyCommandHasHelp() {
    for (String c : new String[] {"validate", "simulate", "example", "invocation", "evaluate", "pprint", "launch", "sweep",
        "test", "gpus"}) {
      Run r = run("", c, "--help");
      assertEquals(0, r.code());
      assertTrue(r.out().startsWith("Usage: vip-boutiques " + c), r.out());
    }
    assertEquals(0, run("", "--version").code());
  }
}
