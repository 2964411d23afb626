package org.vipboutiques.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.job.ForwardingExecutor;
import org.vipboutiques.retry.Retries;
import org.vipboutiques.retry.RetryPolicy;

/**
 * The retries of jobs submitted together start at once, not one after another: in front of the
 * local executor, a back end whose {@code submit} returns only when every job of the batch is being
 * submitted again (as a slow sbatch or DIRAC call would hold it) lets the batch finish only if
 * their retries are submitted concurrently.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BatchRetriesTest {

  private static final int JOBS = 3;

  @TempDir
  Path base;

  /** The local executor, whose retried submits wait for one another (first attempts go through submitAll). */
  static final class Rendezvous extends ForwardingExecutor {
    final CountDownLatch together = new CountDownLatch(JOBS);
    final AtomicInteger metAll = new AtomicInteger();

    Rendezvous(JobExecutor backend, Path jobs) {
      super(backend, jobs);
    }

    @Override
    public Job submit(JobRequest request) throws JobRejectedException {
      together.countDown();
      try {
        if (together.await(30, TimeUnit.SECONDS)) {
          metAll.incrementAndGet();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return backend().submit(request);
    }

    @Override
    public List<Job> submitAll(List<JobRequest> requests) throws JobRejectedException {
      return backend().submitAll(requests);
    }
  }

  @Test
  void theRetriesOfABatchAreSubmittedConcurrently() throws Exception {
    Descriptor d = Fixtures.descriptor("if [ -e .vipb-attempt-1-stdout.log ]; then exit 0; fi; exit 75",
        "[{\"id\": \"n\", \"name\": \"n\", \"type\": \"Number\", \"integer\": true}]", null, null);
    RetryPolicy policy = RetryPolicy.attempts(2).withBackoff(Duration.ZERO, Duration.ZERO, 1)
        .withRetryableExitCodes(75);
    Rendezvous rendezvous = new Rendezvous(JobExecutors.create(ExecutorConfig.builder("local")
        .baseDirectory(base.resolve("jobs")).build()), base.resolve("jobs"));
    try (JobExecutor executor = Retries.wrap(rendezvous, policy, base.resolve("jobs"))) {
      assertTrue(executor.as(Rendezvous.class).isPresent(), "as() looks through the retries");
      List<JobRequest> requests = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        requests.add(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, Fixtures.json("{\"n\": " + i + "}")))
            .build());
      }
      for (Job job : executor.submitAll(requests)) {
        JobResult r = job.await();
        assertEquals(JobState.SUCCEEDED, r.state(), r + " " + r.attempts());
        assertEquals(2, r.attempts().size());
      }
      assertEquals(JOBS, rendezvous.metAll.get(), "every retry was being submitted while the others were");
    }
  }
}
