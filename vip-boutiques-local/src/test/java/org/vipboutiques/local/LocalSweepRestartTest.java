package org.vipboutiques.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.sweep.CombinationResult;
import org.vipboutiques.sweep.SubmittedSweep;
import org.vipboutiques.sweep.Sweep;
import org.vipboutiques.sweep.SweepResults;

/**
 * A sweep whose JVM is killed (SIGKILL) while two of its four local jobs run: another JVM
 * re-attaches to the sweep, follows the two running processes to their end (their logs and exit
 * codes written by themselves meanwhile), marks the two that never started as failed, and a
 * re-run of the failed combinations makes the table whole.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LocalSweepRestartTest {

  @TempDir
  Path base;

  @Test
  void aSweepIsReattachedAfterItsJvmIsKilledThenItsLostJobsAreRerun() throws Exception {
    Path sweepFolder = base.resolve("sweep");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SweepChild.class.getName(),
        base.resolve("jobs").toString(), sweepFolder.toString()).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.startsWith("RUNNING"));
      assertTrue(line != null, "the child said its jobs run");
    }
    child.destroyForcibly();
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));

    try (JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve("jobs"))
        .build())) {
      SubmittedSweep attached = Sweep.attach(executor, sweepFolder);
      assertEquals(2, attached.jobs().size(), "the two started jobs are followed again");
      SweepResults results = attached.await();
      List<CombinationResult> rows = results.rows();
      int succeeded = 0;
      for (CombinationResult r : rows) {
        String w = ((org.vipboutiques.json.JsonString) r.combination().values().get("w")).value();
        if (r.result().succeeded()) {
          succeeded++;
          assertTrue(r.result().stdoutTail().contains("said " + w), "written after the kill: " + r.result().stdoutTail());
          assertEquals(w + "\n", Files.readString(r.result().outputFile("out").orElseThrow()));
        } else {
          assertEquals(JobState.FAILED, r.result().state(), r.result().toString());
          assertTrue(r.result().failure().orElse("").contains("cannot follow"), "never started: " + r.result());
        }
      }
      assertEquals(2, succeeded, rows.toString());
      assertEquals(5, Files.readAllLines(results.tsvTable()).size());

      SubmittedSweep rerun = Sweep.rerunFailed(executor, sweepFolder, r -> {});
      assertEquals(2, rerun.jobs().size(), "only the failed combinations run again");
      SweepResults whole = rerun.await();
      assertTrue(whole.allSucceeded(), whole.unsuccessful().toString());
      for (int i = 0; i < 4; i++) {
        Path before = rows.get(i).result().workDirectory();
        Path after = whole.rows().get(i).result().workDirectory();
        if (rows.get(i).result().succeeded()) {
          assertEquals(before, after, "a succeeded combination keeps its result");
        } else {
          assertEquals(before.getFileName() + "-2", after.getFileName().toString(), "a new folder for the re-run");
          assertEquals("abcd".charAt(i) + "\n", Files.readString(whole.rows().get(i).result().outputFile("out")
              .orElseThrow()));
        }
      }
      List<String> table = Files.readAllLines(whole.tsvTable());
      assertEquals(5, table.size());
      assertTrue(table.stream().skip(1).allMatch(l -> l.contains("\tsucceeded\t")), String.join("\n", table));
    }
  }

  @Test
  void aRerunWaitsForEveryResultAndAFolderThatIsNoSweepsIsOneLine() throws Exception {
    try (JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve("jobs"))
        .build())) {
      SubmittedSweep sweep = Sweep.submit(executor, Sweep.builder(SweepChild.tool()).values("w", List.of("a")).plan(),
          base.resolve("sweep"), r -> {});
      JobRejectedException early = assertThrows(JobRejectedException.class,
          () -> Sweep.rerunFailed(executor, base.resolve("sweep"), r -> {}));
      assertTrue(early.getMessage().contains("1 of the 1 combinations of the sweep in " + sweep.folder()
          + " have no result yet"), early.getMessage());
      assertTrue(sweep.await().allSucceeded());
      assertEquals(0, Sweep.rerunFailed(executor, base.resolve("sweep"), r -> {}).jobs().size(), "nothing failed");
      JobRejectedException none = assertThrows(JobRejectedException.class, () -> Sweep.attach(executor, base));
      assertTrue(none.getMessage().contains("is not a sweep folder (no plan.json)"), none.getMessage());
    }
  }
}
