package org.vipboutiques.examples;

import java.nio.file.Path;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.invocation.Invocation;

/**
 * docs/slurm.md's example: a site's configuration, then a job on it. The tests run the second part
 * on the test cluster, with the first part's configuration pointed at that cluster's partition,
 * account and a folder of their own.
 */
public final class SlurmExample {

  private SlurmExample() {
  }

  static ExecutorConfig config() {
    // tag::slurm[]
    ExecutorConfig config = ExecutorConfig.builder("slurm")
        .baseDirectory(Path.of("/shared/scratch/me/jobs"))      // on a file system the nodes share
        .setting("partition", "gpu").setting("account", "lab42")
        .build();
    // end::slurm[]
    return config;
  }

  static void run(ExecutorConfig config, Descriptor descriptor, Invocation invocation) throws Exception {
    // tag::slurm[]
    try (JobExecutor slurm = JobExecutors.create(config)) {
      JobResult r = slurm.submit(JobRequest.builder(descriptor, invocation).build()).await();
      System.out.println(r.state() + " in " + r.workDirectory());
    }
    // end::slurm[]
  }
}
