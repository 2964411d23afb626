package org.vipboutiques.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;
import org.vipboutiques.sweep.SweepCounts;

/** {@code vip-boutiques sweep} on the real local executor. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SweepCommandTest {

  @TempDir
  Path dir;

  /** name and code zipped by vip:dot; suffix crossed. */
  static final String TOOL = "{\"name\": \"greeter\", \"description\": \"d\", \"tool-version\": \"1\","
      + " \"schema-version\": \"0.5\", \"command-line\": \"echo hello [NAME] > [OUT]; exit [CODE]\","
      + " \"inputs\": [{\"id\": \"name\", \"name\": \"n\", \"type\": \"String\", \"value-key\": \"[NAME]\"},"
      + " {\"id\": \"code\", \"name\": \"c\", \"type\": \"Number\", \"integer\": true, \"value-key\": \"[CODE]\","
      + " \"optional\": true, \"default-value\": 0, \"maximum\": 10},"
      + " {\"id\": \"suffix\", \"name\": \"s\", \"type\": \"String\", \"value-key\": \"[SUFFIX]\", \"optional\": true,"
      + " \"default-value\": \"txt\"}],"
      + " \"output-files\": [{\"id\": \"out\", \"name\": \"o\", \"path-template\": \"[NAME].[SUFFIX]\","
      + " \"value-key\": \"[OUT]\"}],"
      + " \"custom\": {\"vip:dot\": [\"name\", \"code\"]}}";

  Path tool() throws Exception {
    return Files.writeString(dir.resolve("tool.json"), TOOL);
  }

  @Test
  void runsEveryCombinationWritesTheTablesAndExitsNonZeroWhenOneFailed() throws Exception {
    Path sweep = dir.resolve("sw");
    MainTest.Run r = MainTest.run("", "sweep", tool().toString(),
        "{\"name\": [\"a\", \"b\"], \"code\": [0, 4], \"suffix\": [\"txt\", \"out\"]}", "-x", "local",
        "--jobs-dir", dir.resolve("jobs").toString(), "--sweep-dir", sweep.toString());
    assertEquals(3, r.code(), r.err() + r.out());
    assertTrue(r.out().startsWith("4 jobs of greeter submitted to local in "), r.out());
    assertTrue(r.out().lines().findFirst().orElseThrow().endsWith("; sweep folder " + sweep), r.out());
    assertTrue(r.out().contains("queued 0, running 0, done 2, failed 2 of 4; "), r.out());
    assertTrue(r.out().contains("2 of 4 jobs succeeded"), r.out());
    assertTrue(r.out().contains("combination 2 (name=b, code=4, suffix=txt): failed, exit code 4; job folder "),
        r.out());
    assertFalse(r.out().contains("\r"), "plain lines when not on a terminal");

    List<String> tsv = Files.readAllLines(sweep.resolve("results.tsv"));
    assertEquals(5, tsv.size(), tsv.toString());
    assertEquals("index\tname\tcode\tsuffix\tstate\texit-code\tjob-id\tjob-folder\toutput:out", tsv.get(0));
    assertTrue(tsv.get(2).startsWith("1\ta\t0\tout\tsucceeded\t0\t"), tsv.get(2));
    assertTrue(tsv.get(2).endsWith(sweep.resolve("jobs/0001/a.out").toString()), tsv.get(2));
    assertEquals("hello a\n", Files.readString(sweep.resolve("jobs/0001/a.out")));

    JsonObject json = (JsonObject) JsonParser.withDefaults().parse(Files.readString(sweep.resolve("results.json")),
        "results");
    JsonArray rows = json.array("combinations").orElseThrow();
    assertEquals(4, rows.size());
    JsonObject third = (JsonObject) rows.get(2);
    assertEquals("failed", third.string("state").orElseThrow());
    assertEquals("4", third.number("exit-code").orElseThrow().literal());
    assertTrue(Files.exists(sweep.resolve("plan.json")));
  }

  static final String GATED = "{\"name\": \"gated\", \"description\": \"d\", \"tool-version\": \"1\","
      + " \"schema-version\": \"0.5\", \"command-line\": \"test -e [GATE]/ok-[W] && echo [W] > [W].txt\","
      + " \"inputs\": [{\"id\": \"w\", \"name\": \"w\", \"type\": \"String\", \"value-key\": \"[W]\"},"
      + " {\"id\": \"gate\", \"name\": \"g\", \"type\": \"String\", \"value-key\": \"[GATE]\"}],"
      + " \"output-files\": [{\"id\": \"out\", \"name\": \"o\", \"path-template\": \"[W].txt\"}]}";

  @Test
  void rerunFailedRunsOnlyTheFailedCombinationsAndMakesTheTableWhole() throws Exception {
    Path tool = Files.writeString(dir.resolve("gated.json"), GATED);
    Path gate = Files.createDirectories(dir.resolve("gate"));
    Files.writeString(gate.resolve("ok-a"), "");
    Path sweep = dir.resolve("sw");
    String lists = "{\"w\": [\"a\", \"b\", \"c\"], \"gate\": [\"" + gate + "\"]}";
    MainTest.Run first = MainTest.run("", "sweep", tool.toString(), lists, "-x", "local", "--jobs-dir",
        dir.resolve("jobs").toString(), "--sweep-dir", sweep.toString());
    assertEquals(3, first.code(), first.err() + first.out());
    assertTrue(first.out().contains("1 of 3 jobs succeeded"), first.out());
    MainTest.Run early = MainTest.run("", "sweep", tool.toString(), "--rerun-failed", sweep.toString());
    assertEquals(2, early.code(), "no DESCRIPTOR with --rerun-failed: " + early.err());

    Files.writeString(gate.resolve("ok-b"), "");
    Files.writeString(gate.resolve("ok-c"), "");
    MainTest.Run rerun = MainTest.run("", "sweep", "--rerun-failed", sweep.toString(), "--jobs-dir",
        dir.resolve("jobs").toString());
    assertEquals(0, rerun.code(), rerun.err() + rerun.out());
    assertTrue(rerun.out().startsWith("2 failed combinations of 3 of gated submitted again to local in "),
        rerun.out());
    assertTrue(rerun.out().contains("3 of 3 jobs succeeded"), rerun.out());
    List<String> tsv = Files.readAllLines(sweep.resolve("results.tsv"));
    assertEquals(4, tsv.size(), tsv.toString());
    assertTrue(tsv.get(1).contains(sweep.resolve("jobs/0000") + "\t"), "kept: " + tsv.get(1));
    assertTrue(tsv.get(2).contains("\tsucceeded\t") && tsv.get(2).contains(sweep.resolve("jobs/0001-2") + "\t"),
        tsv.get(2));
    assertEquals("c\n", Files.readString(sweep.resolve("jobs/0002-2/c.txt")));

    // Everything has a result: attaching follows nothing and writes the same table.
    MainTest.Run attach = MainTest.run("", "sweep", "--attach", sweep.toString());
    assertEquals(0, attach.code(), attach.err() + attach.out());
    assertTrue(attach.out().startsWith("0 jobs of 3 of gated re-attached on local"), attach.out());
    assertEquals(tsv, Files.readAllLines(sweep.resolve("results.tsv")));
  }

  @Test
  void allSucceededExitsZero() throws Exception {
    MainTest.Run r = MainTest.run("", "sweep", tool().toString(), "{\"name\": [\"a\", \"b\", \"c\"]}",
        "-x", "local", "--jobs-dir", dir.resolve("jobs").toString());
    assertEquals(0, r.code(), r.err() + r.out());
    assertTrue(r.out().contains("3 of 3 jobs succeeded"), r.out());
    try (var s = Files.list(dir.resolve("jobs"))) {
      Path sweep = s.filter(p -> p.getFileName().toString().startsWith("greeter-sweep-")).findFirst().orElseThrow();
      assertEquals(4, Files.readAllLines(sweep.resolve("results.tsv")).size());
    }
  }

  @Test
  void aDotOverListsOfDifferentLengthsSubmitsNothing() throws Exception {
    Path sweep = dir.resolve("sw");
    MainTest.Run r = MainTest.run("", "sweep", tool().toString(), "{\"name\": [\"a\", \"b\"], \"code\": [0]}",
        "-x", "local", "--sweep-dir", sweep.toString());
    assertEquals(1, r.code(), r.err() + r.out());
    assertTrue(r.err().contains("name (2 values), code (1 values)"), r.err());
    assertFalse(Files.exists(sweep));
  }

  @Test
  void anInvalidCombinationSubmitsNothingAndNamesIt() throws Exception {
    Path sweep = dir.resolve("sw");
    MainTest.Run r = MainTest.run("", "sweep", tool().toString(), "{\"name\": [\"a\", \"b\"], \"code\": [0, 11]}",
        "-x", "local", "--sweep-dir", sweep.toString());
    assertEquals(1, r.code(), r.err() + r.out());
    assertTrue(r.err().contains("combination 1 (name=b, code=11): "), r.err());
    assertFalse(Files.exists(sweep));
  }

  @Test
  void moreJobsThanTheLimitIsOneLine() throws Exception {
    MainTest.Run r = MainTest.run("", "sweep", tool().toString(),
        "{\"name\": [\"a\", \"b\"], \"suffix\": [\"x\", \"y\", \"z\"]}", "-x", "local", "--job-limit", "5",
        "--sweep-dir", dir.resolve("sw").toString());
    assertEquals(1, r.code(), r.err() + r.out());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("sweep: nothing was submitted: the sweep makes 6 jobs (name zipped: 2 x suffix: 3),"
        + " more than the limit of 5; shorten the lists or raise the limit"), r.err());
  }

  @Test
  void workDirIsAUsageError() throws Exception {
    MainTest.Run r = MainTest.run("", "sweep", tool().toString(), "{\"name\": [\"a\"]}", "-x", "local",
        "--work-dir", dir.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--sweep-dir"), r.err());
  }

  @Test
  void theProgressLineHasARateAndAnEstimateOfTheEnd() {
    assertEquals("queued 5, running 2, done 2, failed 1 of 10; 1.5 jobs/s, about 4.7s left",
        SweepProgress.line(new SweepCounts(10, 5, 2, 2, 1, 0), Duration.ofSeconds(2)));
    assertEquals("queued 0, running 0, done 3, failed 0, cancelled 1 of 4; 2.0 jobs/s, took 2.0s",
        SweepProgress.line(new SweepCounts(4, 0, 0, 3, 0, 1), Duration.ofSeconds(2)));
    assertEquals("queued 4, running 0, done 0, failed 0 of 4",
        SweepProgress.line(new SweepCounts(4, 4, 0, 0, 0, 0), Duration.ofSeconds(2)));
  }

  @Test
  void validateRefusesAVipDotNamingNoInputAndWarnsWhereVipWarns() throws Exception {
    Path unknown = Files.writeString(dir.resolve("unknown.json"), TOOL.replace("[\"name\", \"code\"]",
        "[\"name\", \"nope\"]"));
    MainTest.Run r = MainTest.run("", "validate", unknown.toString());
    assertEquals(1, r.code(), r.err() + r.out());
    assertTrue(r.err().contains(unknown + ": custom.\"vip:dot\" names \"nope\", which is not an input id"), r.err());

    String flagTool = TOOL.replace("[\"name\", \"code\"]", "[\"name\", \"loud\", \"results-directory\"]")
        .replace("\"inputs\": [", "\"inputs\": [{\"id\": \"loud\", \"name\": \"l\", \"type\": \"Flag\","
            + " \"command-line-flag\": \"-l\", \"optional\": true},");
    MainTest.Run w = MainTest.run(flagTool, "validate", "-");
    assertEquals(0, w.code(), w.err() + w.out());
    assertTrue(w.out().contains("-: valid"), w.out());
    assertTrue(w.err().contains("-: warning: loud is a Flag input in custom.\"vip:dot\""), w.err());
    assertTrue(w.err().contains("-: warning: custom.\"vip:dot\" names \"results-directory\", VIP's own input"),
        w.err());

    MainTest.Run j = MainTest.run("", "validate", "--json", unknown.toString());
    assertEquals(1, j.code());
    assertTrue(j.out().contains("\"rule\": \"vip:dot\""), j.out());
  }

  @Test
  void onATerminalTheProgressIsOneLineRedrawnInPlace() {
    java.io.StringWriter text = new java.io.StringWriter();
    SweepProgress progress = new SweepProgress(new java.io.PrintWriter(text), true);
    progress.update(new SweepCounts(2, 1, 1, 0, 0, 0));
    progress.update(new SweepCounts(2, 0, 1, 1, 0, 0));
    progress.end(new SweepCounts(2, 0, 0, 2, 0, 0));
    String shown = text.toString();
    assertEquals(3, shown.chars().filter(c -> c == '\r').count(), shown);
    assertEquals(1, shown.chars().filter(c -> c == '\n').count(), "one line, ended once: " + shown);
    assertTrue(shown.startsWith("\rqueued 1, running 1, done 0, failed 0 of 2"), shown);
  }
}
