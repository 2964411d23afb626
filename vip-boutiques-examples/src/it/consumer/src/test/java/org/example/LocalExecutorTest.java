package org.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.invocation.Invocation;

/** A tool runs on the local executor and another is cancelled, as an application would do it. */
class LocalExecutorTest {
  @Test
  @Timeout(120)
  void runsOneToolAndCancelsAnother(@TempDir Path jobs) throws Exception {
    Boutiques boutiques = Boutiques.create();
    Descriptor counter = boutiques.load(Path.of("descriptors/counter.json"));
    Invocation count = boutiques.invocation(counter,
        Map.of("input", Path.of("descriptors/three-lines.txt").toAbsolutePath()));
    Descriptor sleeper = boutiques.load(Path.of("descriptors/sleeper.json"));
    Invocation sleep = boutiques.invocation(sleeper, Map.of("seconds", 600));

    try (JobExecutor local = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(jobs).build())) {
      JobResult counted = local.submit(JobRequest.builder(counter, count).build()).await();
      assertEquals(JobState.SUCCEEDED, counted.state(), counted.stderrTail());
      assertEquals("3", Files.readString(counted.outputFile("count").orElseThrow()).trim());

      Job sleeping = local.submit(JobRequest.builder(sleeper, sleep).build());
      assertTrue(sleeping.cancel());
      assertEquals(JobState.CANCELLED, sleeping.await().state());
    }
  }
}
