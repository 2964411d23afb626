package org.vipboutiques.docker;

import java.nio.file.Path;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.json.JsonObject;

/**
 * A child JVM for the cleanup tests: starts a long job, says which container runs it, then
 * waits to be stopped (by SIGTERM, or killed outright).
 */
public final class OrphanMaker {

  private OrphanMaker() {}

  public static void main(String[] args) throws Exception {
    JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("docker").baseDirectory(Path.of(args[0]))
        .setting("docker-host", args[1]).setting("pull", "never").build());
    Descriptor d = DockerExecutorTest.tool("sleep 300;", null);
    Job job = executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, JsonObject.EMPTY)).build());
    while (job.status().state() != JobState.RUNNING) {
      Thread.sleep(20);
    }
    System.out.println("RUNNING " + job.id());
    System.out.flush();
    Thread.sleep(600_000);
  }
}
