package org.vipboutiques.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.sweep.Sweep;
import org.vipboutiques.sweep.SweepPlan;
import org.vipboutiques.sweep.SweepResults;
import org.vipboutiques.sweep.SubmittedSweep;

/** A sweep submitted in bulk to the real local executor, followed to the end. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalSweepTest {

  static final String TOOL = "{\"name\": \"sw\", \"description\": \"d\", \"tool-version\": \"1\","
      + " \"schema-version\": \"0.5\", \"command-line\": \"echo [W] [N] > [W]-[N].txt; exit [CODE]\", \"inputs\": ["
      + "{\"id\": \"w\", \"name\": \"w\", \"type\": \"String\", \"value-key\": \"[W]\"},"
      + "{\"id\": \"n\", \"name\": \"n\", \"type\": \"Number\", \"integer\": true, \"value-key\": \"[N]\"},"
      + "{\"id\": \"code\", \"name\": \"c\", \"type\": \"Number\", \"integer\": true, \"value-key\": \"[CODE]\","
      + " \"optional\": true, \"default-value\": 0}],"
      + " \"output-files\": [{\"id\": \"out\", \"name\": \"o\", \"path-template\": \"[W]-[N].txt\"}],"
      + " \"custom\": {\"vip:dot\": [\"w\", \"code\"]}}";

  @TempDir
  Path base;

  JobExecutor executor;
  Descriptor tool;

  @BeforeEach
  void open() throws Exception {
    executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base).maxConcurrentJobs(2).build());
    Boutiques b = Boutiques.create();
    tool = b.load(b.parser().parseObject(TOOL, "tool"), "tool");
  }

  @AfterEach
  void close() {
    executor.close();
  }

  @Test
  void eachCombinationRunsInItsOwnJobFolderAndThePlanAndTablesAreOwnerOnly() throws Exception {
    SweepPlan plan = Sweep.builder(tool).values("w", List.of("a", "b")).values("code", List.of(0, 3))
        .values("n", List.of(1, 2, 3)).plan();
    assertEquals(6, plan.size());
    Path folder = base.resolve("sweep");
    SubmittedSweep sweep = Sweep.submit(executor, plan, folder, r -> r.timeout(Duration.ofSeconds(30)));
    SweepResults results = sweep.await();
    assertTrue(sweep.counts().finished());
    assertEquals(3, sweep.counts().succeeded(), sweep.counts().toString());
    assertEquals(3, sweep.counts().failed(), sweep.counts().toString());
    assertFalse(results.allSucceeded());
    for (var row : results.rows()) {
      Path job = row.result().workDirectory();
      assertEquals(folder.resolve("jobs"), job.getParent(), "its own folder in the sweep's");
      String w = ((org.vipboutiques.json.JsonString) row.combination().values().get("w")).value();
      assertEquals(w.equals("a") ? 0 : 3, row.result().exitCode().orElseThrow(), "w and code zipped");
      assertTrue(Files.exists(job.resolve(w + "-" + row.combination().values().get("n") + ".txt")));
    }
    assertEquals(6, sweep.jobs().stream().map(j -> j.workDirectory()).distinct().count());

    JsonObject planJson = Boutiques.create().parser().parseObject(folder.resolve("plan.json"));
    JsonArray combinations = planJson.array("combinations").orElseThrow();
    assertEquals(6, combinations.size());
    assertFalse(((JsonObject) combinations.get(4)).string("job-id").orElseThrow().isEmpty());
    assertEquals(sweep.jobs().get(4).workDirectory().toString(),
        ((JsonObject) combinations.get(4)).string("job-folder").orElseThrow());
    assertEquals(List.of("w", "code"), planJson.array("dot").orElseThrow().items().stream()
        .map(v -> ((org.vipboutiques.json.JsonString) v).value()).toList());
    for (String f : List.of("plan.json", "results.tsv", "results.json")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(f))), f);
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));

    List<String> tsv = Files.readAllLines(results.tsvTable());
    assertEquals("index\tw\tcode\tn\tstate\texit-code\tjob-id\tjob-folder\toutput:out", tsv.get(0));
    assertEquals(7, tsv.size());
    assertTrue(tsv.get(1).startsWith("0\ta\t0\t1\tsucceeded\t0\t"), tsv.get(1));
    assertTrue(tsv.get(1).endsWith("/jobs/0000/a-1.txt"), tsv.get(1));
    assertTrue(tsv.get(4).startsWith("3\tb\t3\t1\tfailed\t3\t"), tsv.get(4));
  }

  @Test
  void aFolderThatIsNotEmptyIsRefusedBeforeAnyJobIsSubmitted() throws Exception {
    SweepPlan plan = Sweep.builder(tool).values("w", List.of("a")).values("n", List.of(1)).plan();
    Path folder = Files.createDirectories(base.resolve("used"));
    Files.writeString(folder.resolve("x"), "");
    JobRejectedException e = org.junit.jupiter.api.Assertions.assertThrows(JobRejectedException.class,
        () -> Sweep.submit(executor, plan, folder, r -> {}));
    assertTrue(e.getMessage().contains("is not empty"), e.getMessage());
    assertFalse(Files.exists(folder.resolve("jobs")));
  }

  @Test
  void theTablesAreNeverWrittenThroughALinkPutInTheSweepFolder() throws Exception {
    SweepPlan plan = Sweep.builder(tool).values("w", List.of("a")).values("n", List.of(1, 2)).plan();
    Path folder = base.resolve("sweep");
    SubmittedSweep sweep = Sweep.submit(executor, plan, folder, r -> {});
    Path victim = Files.writeString(base.resolve("victim.txt"), "keep");
    Files.createSymbolicLink(folder.resolve("results.tsv"), victim);
    SweepResults results = sweep.await();
    assertEquals("keep", Files.readString(victim));
    assertFalse(Files.isSymbolicLink(results.tsvTable()));
    assertEquals(3, Files.readAllLines(results.tsvTable()).size());
  }

  @Test
  void aSweepFolderThatIsALinkIsRefused() throws Exception {
    SweepPlan plan = Sweep.builder(tool).values("w", List.of("a")).values("n", List.of(1)).plan();
    Path target = Files.createDirectories(base.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(base.resolve("link"), target);
    JobRejectedException e = org.junit.jupiter.api.Assertions.assertThrows(JobRejectedException.class,
        () -> Sweep.submit(executor, plan, link, r -> {}));
    assertTrue(e.getMessage().contains("is a link"), e.getMessage());
    try (var entries = Files.list(target)) {
      assertEquals(0, entries.count());
    }
  }
}
