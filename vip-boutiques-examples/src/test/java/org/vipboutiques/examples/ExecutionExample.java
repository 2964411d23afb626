package org.vipboutiques.examples;

import java.nio.file.Path;
import java.time.Duration;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobStatus;
import org.vipboutiques.execution.LogStream;
import org.vipboutiques.invocation.Invocation;

/** docs/execution.md's first example: a tool in Docker, followed, its result read. */
public final class ExecutionExample {

  private ExecutionExample() {
  }

  public static void main(String[] args) throws Exception {
    // tag::execution[]
    Boutiques boutiques = Boutiques.create();
    Descriptor tool = boutiques.load(Path.of("tool.json"));
    Invocation inv = boutiques.invocation(tool, Path.of("invocation.json"));
    try (JobExecutor docker = JobExecutors.create(ExecutorConfig.builder("docker").setting("pull", "never").build())) {
      JobListener printer = new JobListener() {   // every event from the start, in order
        @Override public void stateChanged(Job j, JobStatus s) { System.out.println(s.state() + " " + s.backendState()); }
        @Override public void logLine(Job j, LogStream stream, String line) { System.out.println(line); }
      };
      Job job = docker.submit(JobRequest.builder(tool, inv).timeout(Duration.ofMinutes(30)).listener(printer).build());
      JobResult result = job.await();          // or job.result(), a CompletableFuture
      result.outputFile("outfile").ifPresent(System.out::println);
    }
    // end::execution[]
  }
}
