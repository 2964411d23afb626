package org.vipboutiques.examples;

import java.nio.file.Path;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.invocation.Invocation;

/** docs/slurm.md's example; compiled, not run (it names a site's partition and account). */
public final class SlurmExample {

  private SlurmExample() {
  }

  static void run(Descriptor descriptor, Invocation invocation) throws Exception {
    // tag::slurm[]
    try (JobExecutor slurm = JobExecutors.create(ExecutorConfig.builder("slurm")
        .baseDirectory(Path.of("/shared/scratch/me/jobs"))      // on a file system the nodes share
        .setting("partition", "gpu").setting("account", "lab42")
        .build())) {
      JobResult r = slurm.submit(JobRequest.builder(descriptor, invocation).build()).await();
    }
    // end::slurm[]
  }
}
