package org.vipboutiques.docker;

import java.nio.file.Path;
import java.util.List;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.sweep.SubmittedSweep;
import org.vipboutiques.sweep.Sweep;

/**
 * The JVM of {@link DockerSweepTest}'s re-attach: submits a two-combination sweep, says so once
 * both containers run, and waits to be killed. Arguments: jobs folder, sweep folder, engine.
 */
public final class DockerSweepChild {

  static final String TOOL = "{\"output-files\": [{\"id\": \"o\", \"name\": \"o\", \"path-template\": \"[A].txt\"}],"
      + " \"command-line\": \"sleep 3; echo [A] [F] > [A].txt\"}";

  private DockerSweepChild() {}

  public static void main(String[] args) throws Exception {
    JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("docker").baseDirectory(Path.of(args[0]))
        .setting("docker-host", args[2]).setting("pull", "never").maxConcurrentJobs(2).build());
    SubmittedSweep sweep = Sweep.submit(executor, Sweep.builder(DockerExecutorTest.tool("echo", TOOL))
        .values("a", List.of("x", "y")).plan(), Path.of(args[1]), r -> {});
    while (sweep.counts().running() < 2) {
      Thread.sleep(20);
    }
    System.out.println("RUNNING " + sweep.counts());
    System.out.flush();
    Thread.sleep(600_000);
  }
}
