package org.vipboutiques.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.job.JobStore;
import org.vipboutiques.execution.job.StoredJob;
import org.vipboutiques.slurm.command.SlurmTool;
import org.vipboutiques.testing.conditions.EnabledIfSlurm;

/**
 * Two executors in two JVMs (this one and a child java process) sharing one job store, on the
 * real Slurm cluster, as a platform's two processes or {@code sweep --attach} beside a process
 * still submitting do: each finds and re-attaches the other's jobs, and no submission is lost.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@EnabledIfSlurm
class SlurmSharedStoreTest {

  @TempDir
  Path base;

  static Process child(Path base, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SlurmStoreChild.class.getName(), base.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** The next line of the child starting with {@code prefix} (its log lines skipped). */
  static String next(BufferedReader out, String prefix, StringBuilder seen) throws Exception {
    String line;
    while ((line = out.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length()).strip();
      }
    }
    throw new AssertionError("the child ended without saying " + prefix + ":\n" + seen);
  }

  @Test
  void eachOfTwoJvmsReattachesTheJobTheOtherSubmittedAfterItOpenedTheStore() throws Exception {
    // Opened before the child submits anything: it must read the store again to find the child's job.
    try (SlurmExecutor executor = SlurmCluster.executor(base, Map.of())) {
      Process child = child(base, "pair");
      StringBuilder seen = new StringBuilder();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8)); Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
        String theirs = next(out, "SUBMITTED ", seen);
        // Submitted after the child opened the store: the child must read it again to find this one.
        Job mine = executor.submit(SlurmStoreChild.request("parent", 2));
        in.write(mine.id() + "\n");
        in.flush();
        Job attached = executor.attach(theirs).orElseThrow(() -> new AssertionError("the child's job " + theirs
            + " is not found in the shared store"));
        JobResult r = attached.await();
        assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
        assertEquals("child\n", Files.readString(r.outputFile("out").orElseThrow()));
        assertEquals(mine.id() + " SUCCEEDED", next(out, "ATTACHED ", seen), "the child followed this JVM's job");
        assertEquals(JobState.SUCCEEDED, mine.await().state());
      } finally {
        child.destroyForcibly();
      }
      assertEquals(0, child.waitFor(), seen.toString());
      assertEquals(1, executor.statistics().calls(SlurmTool.SBATCH).calls(), "the child's job not submitted again");
      JobStore store = JobStore.open(executor.storeFile());
      assertEquals(2, store.all().size());
      assertTrue(store.unfinished().isEmpty(), "both ends recorded: " + store.all());
    }
  }

  /**
   * Both JVMs submit at once (jobs one by one, then an array each) into one store: every job of
   * both is in the store, ended, with its attributes, and this JVM re-attaches every one of the
   * child's (the ended ones answer with their stored end).
   */
  @Test
  void twoJvmsSubmittingAtOnceIntoOneStoreLoseNoJob() throws Exception {
    int n = 8;
    Set<String> ids = new TreeSet<>();
    Set<String> theirs = new TreeSet<>();
    try (SlurmExecutor executor = SlurmCluster.executor(base, Map.of())) {
      Process child = child(base, "stress", Integer.toString(n));
      List<Job> mine = new ArrayList<>();
      List<JobRequest> array = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        mine.add(executor.submit(SlurmStoreChild.request("parent-" + i, 0)));
        array.add(SlurmStoreChild.request("parent-array-" + i, 0));
      }
      mine.addAll(executor.submitAll(array));
      StringBuilder seen = new StringBuilder();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (int i = 0; i < 2 * n; i++) {
          theirs.add(next(out, "SUBMITTED ", seen));
        }
        next(out, "DONE", seen);
      }
      assertEquals(0, child.waitFor(), seen.toString());
      for (Job j : mine) {
        JobResult r = j.await();
        assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
        ids.add(j.id());
      }
      assertEquals(2 * n, theirs.size());
      for (String id : theirs) {
        Job j = executor.attach(id).orElseThrow(() -> new AssertionError("the child's job " + id + " is not found"));
        assertEquals(JobState.SUCCEEDED, j.await().state(), id);
      }
    }
    ids.addAll(theirs);
    JobStore store = JobStore.open(base.resolve(".vipb-slurm-jobs.jsonl"));
    assertEquals(ids, new TreeSet<>(store.all().stream().map(StoredJob::id).toList()), "every job of both JVMs");
    for (StoredJob s : store.all()) {
      assertEquals(Optional.of(JobState.SUCCEEDED), s.finalState(), s.toString());
      assertTrue(s.attributes().containsKey("query-id") && s.attributes().containsKey("slurm-err"), s.toString());
    }
  }
}
