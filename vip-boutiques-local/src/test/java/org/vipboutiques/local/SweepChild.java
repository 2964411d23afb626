package org.vipboutiques.local;

import java.nio.file.Path;
import java.util.List;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.sweep.SubmittedSweep;
import org.vipboutiques.sweep.Sweep;

/**
 * The JVM of {@link LocalSweepRestartTest} that submits a sweep (two jobs at a time), says so
 * once two run, and waits to be killed. Arguments: jobs folder, sweep folder.
 */
public final class SweepChild {

  static final String TOOL = "{\"name\": \"slow\", \"description\": \"d\", \"tool-version\": \"1\","
      + " \"schema-version\": \"0.5\", \"command-line\": \"sleep 3; echo said [W]; echo [W] > [W].txt; exit [CODE]\","
      + " \"inputs\": [{\"id\": \"w\", \"name\": \"w\", \"type\": \"String\", \"value-key\": \"[W]\"},"
      + "{\"id\": \"code\", \"name\": \"c\", \"type\": \"Number\", \"integer\": true, \"value-key\": \"[CODE]\","
      + " \"optional\": true, \"default-value\": 0}],"
      + " \"output-files\": [{\"id\": \"out\", \"name\": \"o\", \"path-template\": \"[W].txt\"}]}";

  private SweepChild() {}

  static Descriptor tool() throws Exception {
    Boutiques b = Boutiques.create();
    return b.load(b.parser().parseObject(TOOL, "slow"), "slow");
  }

  public static void main(String[] args) throws Exception {
    JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(Path.of(args[0]))
        .maxConcurrentJobs(2).build());
    SubmittedSweep sweep = Sweep.submit(executor, Sweep.builder(tool()).values("w", List.of("a", "b", "c", "d"))
        .plan(), Path.of(args[1]), r -> {});
    while (sweep.counts().running() < 2) {
      Thread.sleep(20);
    }
    System.out.println("RUNNING " + sweep.counts());
    System.out.flush();
    Thread.sleep(600_000);
  }
}
