package org.vipboutiques.podman;

import java.nio.file.Path;
import org.vipboutiques.execution.container.ContainerLabels;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.json.JsonObject;

/**
 * A child JVM for the cleanup tests: starts a long job, says which container runs it once Podman
 * lists it, then waits to be stopped (by SIGTERM, or killed outright).
 */
public final class OrphanMaker {

  private OrphanMaker() {}

  public static void main(String[] args) throws Exception {
    JobExecutor executor = JobExecutors.create(PodmanEngine.config(Path.of(args[0])).build());
    Descriptor d = PodmanExecutorTest.tool("sleep 300;", null);
    Job job = executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, JsonObject.EMPTY)).build());
    while (job.status().state() != JobState.RUNNING
        || PodmanEngine.containers(ContainerLabels.PID, Long.toString(ProcessHandle.current().pid())).isEmpty()) {
      Thread.sleep(100);
    }
    System.out.println("RUNNING " + job.id());
    System.out.flush();
    Thread.sleep(600_000);
  }
}
