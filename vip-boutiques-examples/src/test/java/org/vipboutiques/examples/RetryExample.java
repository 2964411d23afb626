package org.vipboutiques.examples;

import java.nio.file.Path;
import java.time.Duration;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.Attempt;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.retry.RetryPolicy;

/**
 * docs/execution.md's retries example, on Slurm as Slurm's commands find it. The tests run it on the
 * test cluster with a tool that asks to be tried again once (exit code 75).
 */
public final class RetryExample {

  private RetryExample() {
  }

  public static void main(String[] args) throws Exception {
    Boutiques boutiques = Boutiques.create();
    Descriptor tool = boutiques.load(Path.of("tool.json"));
    run(tool, boutiques.invocation(tool, Path.of("invocation.json")));
  }

  static void run(Descriptor tool, Invocation inv) throws Exception {
    // tag::retries[]
    try (JobExecutor slurm = JobExecutors.create(ExecutorConfig.builder("slurm").setting("retries", "2").build())) {
      RetryPolicy policy = RetryPolicy.attempts(4)                       // this job's own: 1 run and 3 retries
          .withBackoff(Duration.ofSeconds(30), Duration.ofMinutes(10), 2)  // 30 s, 1 min, 2 min
          .withRetryableExitCodes(75);                                     // the tool's "try again later"
      JobListener retries = new JobListener() {
        @Override public void retrying(Job j, Attempt failed, Duration delay) {
          System.out.println("attempt " + failed.number() + " " + failed.failureKind() + ": "
              + failed.failure().orElse("exit code " + failed.exitCode().orElseThrow()) + "; next in " + delay);
        }
      };
      JobResult result = slurm.submit(JobRequest.builder(tool, inv).retryPolicy(policy).listener(retries).build())
          .await();
      for (Attempt a : result.attempts()) {   // every run, the last being the result's own
        System.out.println(a.number() + " " + a.jobId() + " " + a.state() + " " + a.failureKind());
      }
    }
    // end::retries[]
  }
}
