package org.vipboutiques.docker;

import java.nio.file.Path;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.json.JsonObject;

/**
 * A child JVM for {@link DockerAttachTest}: submits {@link #TOOL}, says which job folder it runs
 * in once its container runs, then waits to be killed.
 */
public final class AttachChild {

  /** Writes a line, sleeps 3 s, writes its output and a last line (without a newline). */
  static final String TOOL = "{\"output-files\": [{\"id\": \"o\", \"name\": \"o\", \"path-template\": \"out\"}],"
      + " \"command-line\": \"echo before; echo oops >&2; sleep 3; echo done > out; printf after [A] [F]\"}";

  private AttachChild() {}

  public static void main(String[] args) throws Exception {
    JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("docker").baseDirectory(Path.of(args[0]))
        .setting("docker-host", args[1]).setting("pull", "never").build());
    Descriptor d = DockerExecutorTest.tool("true", TOOL);
    Job job = executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, JsonObject.EMPTY)).build());
    while (job.status().state() != JobState.RUNNING) {
      Thread.sleep(20);
    }
    System.out.println("RUNNING " + job.id() + " " + job.workDirectory());
    System.out.flush();
    Thread.sleep(600_000);
  }
}
