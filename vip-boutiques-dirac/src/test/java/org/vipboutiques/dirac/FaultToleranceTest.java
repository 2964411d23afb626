package org.vipboutiques.dirac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.dirac.testgrid.Behaviour;
import org.vipboutiques.dirac.testgrid.GridJob;
import org.vipboutiques.dirac.testgrid.TestGrid;
import org.vipboutiques.execution.FailureKind;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;

/** Under faults no job is lost and none is submitted twice. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultToleranceTest {

  @TempDir
  Path tmp;

  TestGrid grid;

  @AfterEach
  void stop() {
    if (grid != null) {
      grid.close();
    }
  }

  Map<String, String> start(TestGrid.Options options) throws Exception {
    grid = TestGrid.start(tmp.resolve("grid"), options.retryAfter(1));
    return Tools.diracx(grid.url(), grid.credentials(tmp.resolve("credentials.json")));
  }

  List<JobResult> run(Map<String, String> settings, int n) throws Exception {
    Descriptor d = Tools.echoTool();
    List<JobRequest> requests = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      requests.add(Tools.request(d, "{\"text\": \"f" + i + "\", \"out\": \"o.txt\"}"));
    }
    List<JobResult> results = new ArrayList<>();
    int before = grid.jobs().size();
    try (JobExecutor ex = JobExecutors.create(Tools.config(tmp.resolve("jobs"), settings))) {
      List<Job> jobs = ex.submitAll(requests);
      for (int i = 0; i < n; i++) {
        JobResult r = jobs.get(i).await();
        results.add(r);
        if (r.state() == JobState.SUCCEEDED) {
          assertEquals("f" + i + "\n", Files.readString(r.outputFile("result").orElseThrow()));
        }
      }
    }
    assertEquals(n, grid.jobs().size() - before, "one grid job per request");
    assertTrue(grid.duplicates().isEmpty(), "submitted twice: " + grid.duplicates());
    assertTrue(grid.violations().isEmpty(), grid.violations().toString());
    return results;
  }

  static void allSucceeded(List<JobResult> results) {
    for (JobResult r : results) {
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    }
  }

  @Test
  void serviceUnavailableIsRetriedAfterRetryAfter() throws Exception {
    Map<String, String> s = start(TestGrid.options());
    grid.fail503(3);
    allSucceeded(run(s, 25));
  }

  @Test
  void aSubmissionWhoseAnswerIsLostIsLookedUpNotRepeated() throws Exception {
    Map<String, String> s = start(TestGrid.options());
    grid.dropAfter(1, "/api/jobs/jdl");
    allSucceeded(run(s, 25));
  }

  /** Looked up at once, the jobs would not be there yet, and sending them again would make twins. */
  @Test
  void aSubmissionStillProcessedWhenTheClientGivesUpIsNotSentAgain() throws Exception {
    Map<String, String> s = start(TestGrid.options());
    s.put("http-timeout", "1s");
    grid.slowProcessing(1, "/api/jobs/jdl", 3000);
    allSucceeded(run(s, 3));
    grid.awaitIdle(Duration.ofSeconds(10));
    assertEquals(3, grid.jobs().size());
    assertTrue(grid.duplicates().isEmpty(), "submitted twice: " + grid.duplicates());
  }

  @Test
  void aSubmissionLostBeforeReachingTheServiceIsSentAgain() throws Exception {
    Map<String, String> s = start(TestGrid.options());
    s.put("submit-lookup-wait", "2s"); // the jobs are looked for that long before they are sent again
    grid.dropBefore(1, "/api/jobs/jdl");
    allSucceeded(run(s, 5));
  }

  @Test
  void slowAnswersAndDroppedPollsLoseNothing() throws Exception {
    Map<String, String> s = start(TestGrid.options());
    s.put("http-timeout", "1s");
    grid.slow(2, 1500);
    allSucceeded(run(s, 3));
    grid.dropAfter(3, "/api/jobs/search");
    allSucceeded(run(s, 3));
  }

  @Test
  void expiredTokensAreRefreshed() throws Exception {
    Map<String, String> s = start(TestGrid.options());
    grid.expireAccessTokens();
    allSucceeded(run(s, 3));
    assertTrue(grid.refreshes() >= 1);
    assertTrue(Files.readString(tmp.resolve("credentials.json")).contains("rt-"), "the rotated token was saved");
  }

  @Test
  void stalledThenRunningAndRescheduledJobsFinish() throws Exception {
    Map<String, String> s = start(TestGrid.options().stall(400));
    grid.behaviours(Behaviour.STALL_THEN_RUN, Behaviour.RESCHEDULE_ONCE);
    List<JobResult> r = run(s, 2);
    allSucceeded(r);
    List<GridJob> jobs = grid.jobs();
    assertTrue(jobs.get(0).history().stream().anyMatch(h -> h.startsWith("Stalled")), jobs.get(0).history().toString());
    assertTrue(jobs.get(1).history().stream().anyMatch(h -> h.startsWith("Rescheduled")), jobs.get(1).history().toString());
  }

  @Test
  void failedJobsFailWithDiracsReason() throws Exception {
    Map<String, String> s = start(TestGrid.options().stall(200));
    grid.behaviours(Behaviour.STALL_THEN_FAIL, Behaviour.FAIL_BEFORE_RUNNING, Behaviour.NORMAL);
    List<JobResult> r = run(s, 3);
    assertEquals(JobState.FAILED, r.get(0).state(), grid.jobs().get(0).history() + " " + grid.jobs().get(1).history() + r.get(0));
    assertTrue(r.get(0).failure().orElseThrow().contains("stalled"), r.get(0).failure().toString());
    assertEquals(JobState.FAILED, r.get(1).state(), grid.jobs().get(1).history() + " " + r.get(1));
    assertTrue(r.get(1).failure().orElseThrow().contains("Input Data Not Available"), r.get(1).failure().toString());
    assertEquals(JobState.SUCCEEDED, r.get(2).state());
    assertEquals(FailureKind.INFRASTRUCTURE, r.get(0).failureKind(), "stalled: the grid's failure");
    assertEquals(FailureKind.INFRASTRUCTURE, r.get(1).failureKind(), "failed at setup: the grid's failure");
  }

  /** With retries (the executor's settings), a job failed at setup by the grid runs again, as a new grid job, and succeeds. */
  @Test
  void aJobFailedAtSetupIsRetriedAndSucceeds() throws Exception {
    Map<String, String> s = new java.util.LinkedHashMap<>(start(TestGrid.options()));
    s.put("retries", "2");
    s.put("retry-backoff", "100ms");
    grid.behaviours(Behaviour.FAIL_BEFORE_RUNNING);
    JobResult r;
    try (JobExecutor ex = JobExecutors.create(Tools.config(tmp.resolve("jobs"), s))) {
      r = ex.submit(Tools.request(Tools.echoTool(), "{\"text\": \"f0\", \"out\": \"o.txt\"}")).await();
    }
    assertEquals("f0\n", Files.readString(r.outputFile("result").orElseThrow()));
    assertTrue(grid.violations().isEmpty(), grid.violations().toString());
    assertEquals(JobState.SUCCEEDED, r.state(), r + " " + r.attempts());
    assertEquals(2, r.attempts().size(), r.attempts().toString());
    assertEquals(FailureKind.INFRASTRUCTURE, r.attempts().get(0).failureKind());
    assertTrue(r.attempts().get(0).failure().orElseThrow().contains("Input Data Not Available"),
        r.attempts().get(0).toString());
    assertEquals(2, grid.jobs().size(), "two grid jobs, one per attempt");
  }
}
