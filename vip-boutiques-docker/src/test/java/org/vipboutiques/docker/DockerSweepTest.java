package org.vipboutiques.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.sweep.CombinationResult;
import org.vipboutiques.sweep.Sweep;
import org.vipboutiques.sweep.SweepResults;
import org.vipboutiques.testing.conditions.EnabledIfDocker;

/** A sweep on the real Docker engine, within the executor's concurrency. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@EnabledIfDocker
class DockerSweepTest {

  @TempDir
  Path base;

  JobExecutor executor;

  @BeforeEach
  void open() throws Exception {
    executor = JobExecutors.create(ExecutorConfig.builder("docker").baseDirectory(base)
        .setting("docker-host", DockerEngine.host()).setting("pull", "never").maxConcurrentJobs(2).build());
  }

  @AfterEach
  void close() {
    executor.close();
  }

  @Test
  void eachCombinationRunsInItsOwnContainerAndJobFolder() throws Exception {
    Descriptor d = DockerExecutorTest.tool("echo", "{\"output-files\": [{\"id\": \"o\", \"name\": \"o\","
        + " \"path-template\": \"[A].txt\"}], \"command-line\": \"echo [A] [F] > [A].txt\"}");
    SweepResults results = Sweep.submit(executor, Sweep.builder(d).values("a", List.of("x", "y", "z")).plan(),
        base.resolve("sweep"), r -> {}).await();
    assertTrue(results.allSucceeded(), results.unsuccessful().toString());
    for (CombinationResult row : results.rows()) {
      String a = ((JsonString) row.combination().values().get("a")).value();
      assertEquals(a + "\n", Files.readString(row.result().outputFile("o").orElseThrow()));
      assertEquals(base.resolve("sweep").resolve("jobs"), row.result().workDirectory().getParent());
    }
  }
}
