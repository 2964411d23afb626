package org.vipboutiques.examples;

import java.nio.file.Path;
import java.util.List;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;

/**
 * docs/dirac.md's example: a grid's configuration, then jobs on it. The tests run the second part
 * on vip-boutiques-dirac's test grid, with the first part's configuration pointed at that grid
 * (its URL, token file and storage element) and a folder of their own.
 */
public final class DiracExample {

  private DiracExample() {
  }

  static ExecutorConfig config() {
    // tag::dirac[]
    ExecutorConfig config = ExecutorConfig.builder("dirac").baseDirectory(Path.of("jobs"))
        .setting("url", "https://diracx.example.org").setting("job-group", "study1")
        .setting("output-se", "SE-DISK").setting("output-path", "/biomed/user/j/jdoe/study1")
        .build();
    // end::dirac[]
    return config;
  }

  static void run(ExecutorConfig config, List<JobRequest> requests) throws Exception {
    // tag::dirac[]
    try (JobExecutor grid = JobExecutors.create(config)) {          // ServiceLoader finds "dirac"
      List<Job> jobs = grid.submitAll(requests);              // shared sandboxes, lists of <= 20
      for (Job j : jobs) { JobResult r = j.await(); System.out.println(r.state() + " " + r.outputFiles()); } // outputs unpacked in each job folder
    }
    // end::dirac[]
  }
}
