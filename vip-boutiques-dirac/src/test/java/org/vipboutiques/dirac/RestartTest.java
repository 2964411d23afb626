package org.vipboutiques.dirac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.dirac.store.DiracJobRecord;
import org.vipboutiques.dirac.store.DiracJobStore;
import org.vipboutiques.dirac.testgrid.TestGrid;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;

/** A restarted application re-attaches to its jobs from the store instead of losing or resubmitting them. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RestartTest extends GridTest {

  @Override
  TestGrid.Options options() {
    return TestGrid.options().workers(1);
  }

  List<JobRequest> requests(int n) throws Exception {
    Descriptor d = Tools.echoTool();
    List<JobRequest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Tools.request(d, "{\"text\": \"r" + i + "\", \"out\": \"o.txt\"}"));
    }
    return out;
  }

  @Test
  void aRestartedExecutorReattachesFromTheStore() throws Exception {
    List<String> ids = new ArrayList<>();
    DiracExecutor first = DiracExecutor.create(Tools.config(tmp.resolve("jobs"), settings));
    for (Job j : first.submitAll(requests(4))) {
      ids.add(j.id());
    }
    first.detach(); // the application stops; the jobs stay on the grid
    DiracExecutor second = DiracExecutor.create(Tools.config(tmp.resolve("jobs"), settings));
    try {
      List<Job> again = second.reattach();
      assertEquals(ids, again.stream().map(Job::id).toList());
      for (int i = 0; i < again.size(); i++) {
        JobResult r = again.get(i).await();
        assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
        assertEquals("r" + i + "\n", Files.readString(r.outputFile("result").orElseThrow()));
      }
    } finally {
      second.close();
    }
    assertTrue(DiracJobStore.open(tmp.resolve("jobs/.dirac-jobs.jsonl")).unfinished().isEmpty());
    assertEquals(4, grid.jobs().size());
  }

  @Test
  void relaunchingTheSameRequestsFollowsTheEarlierJobs() throws Exception {
    DiracExecutor first = DiracExecutor.create(Tools.config(tmp.resolve("jobs"), settings));
    List<String> ids = first.submitAll(requests(3)).stream().map(Job::id).toList();
    first.detach();
    DiracExecutor second = DiracExecutor.create(Tools.config(tmp.resolve("jobs"), settings));
    try {
      List<Job> again = second.submitAll(requests(3));
      assertEquals(ids, again.stream().map(Job::id).toList(), "re-attached, not resubmitted");
      for (Job j : again) {
        assertEquals(JobState.SUCCEEDED, j.await().state());
      }
      assertEquals(Long.parseLong(ids.get(1)), Long.parseLong(second.attach(ids.get(1)).map(Job::id).orElse(ids.get(1))));
    } finally {
      second.close();
    }
    assertEquals(3, grid.jobs().size());
    assertTrue(grid.duplicates().isEmpty());
  }

  @Test
  void aSubmissionInterruptedBeforeItsAnswerIsFoundByName() throws Exception {
    // A crash after sending: the store has the key but no id.
    DiracExecutor first = DiracExecutor.create(Tools.config(tmp.resolve("jobs"), settings));
    grid.dropAfter(5, "/api/jobs/");
    settings.put("http-retries", "0");
    List<Job> jobs = first.submitAll(requests(1));
    first.detach();
    DiracJobStore store = DiracJobStore.open(tmp.resolve("jobs/.dirac-jobs.jsonl"));
    DiracJobRecord r = store.all().get(0);
    assertEquals(1, grid.jobs().size(), "the job exists on the grid");
    settings.put("http-retries", "6");
    DiracExecutor second = DiracExecutor.create(Tools.config(tmp.resolve("jobs"), settings));
    try {
      List<Job> again = second.reattach();
      assertEquals(1, again.size(), "found by its JobName " + r.key() + "; first run saw " + jobs.get(0).status());
      assertEquals(JobState.SUCCEEDED, again.get(0).await().state());
    } finally {
      second.close();
    }
    assertTrue(grid.duplicates().isEmpty());
    assertEquals(1, grid.jobs().size());
  }
}
