package org.vipboutiques.slurm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.sweep.SubmittedSweep;
import org.vipboutiques.sweep.Sweep;

/**
 * The JVM of {@link SlurmSweepTest#aSweepIsReattachedAfterItsJvmIsKilled} that submits a sweep to
 * the cluster, says so once a job runs, and waits to be killed. Arguments: jobs folder, sweep folder.
 */
public final class SlurmSweepChild {

  private SlurmSweepChild() {}

  static Descriptor tool() {
    return Tools.tool("sleep 6; echo [TEXT] > [OUT]",
        "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]");
  }

  public static void main(String[] args) throws Exception {
    SlurmExecutor executor = SlurmCluster.executor(Path.of(args[0]), Map.of("cancel-on-close", "false"));
    SubmittedSweep sweep = Sweep.submit(executor, Sweep.builder(tool()).values("text", List.of("a", "b", "c"))
        .values("out", List.of("x.txt")).plan(), Path.of(args[1]), r -> {});
    while (sweep.counts().running() < 1) {
      Thread.sleep(50);
    }
    System.out.println("RUNNING " + sweep.counts());
    System.out.flush();
    Thread.sleep(600_000);
  }
}
