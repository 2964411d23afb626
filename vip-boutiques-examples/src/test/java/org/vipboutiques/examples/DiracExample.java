package org.vipboutiques.examples;

import java.nio.file.Path;
import java.util.List;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;

/** docs/dirac.md's example; compiled, not run (it needs a DiracX service and a grid identity). */
public final class DiracExample {

  private DiracExample() {
  }

  static void run(List<JobRequest> requests) throws Exception {
    // tag::dirac[]
    ExecutorConfig config = ExecutorConfig.builder("dirac").baseDirectory(Path.of("jobs"))
        .setting("url", "https://diracx.example.org").setting("job-group", "study1")
        .setting("output-se", "SE-DISK").setting("output-path", "/biomed/user/j/jdoe/study1")
        .build();
    try (JobExecutor grid = JobExecutors.create(config)) {          // ServiceLoader finds "dirac"
      List<Job> jobs = grid.submitAll(requests);              // shared sandboxes, lists of <= 20
      for (Job j : jobs) { JobResult r = j.await(); System.out.println(r.state()); } // outputs unpacked in each job folder
    }
    // end::dirac[]
  }
}
