package org.vipboutiques.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.container.ContainerLabels;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.sweep.CombinationResult;
import org.vipboutiques.sweep.Sweep;
import org.vipboutiques.sweep.SweepResults;
import org.vipboutiques.testing.conditions.EnabledIfDocker;

/**
 * A sweep on the real Docker engine, within the executor's concurrency; and one whose JVM is
 * killed (SIGKILL) while its containers run, re-attached by another executor.
 */
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

  @Test
  void aSweepIsReattachedAfterItsJvmIsKilled() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        DockerSweepChild.class.getName(), base.resolve("child").toString(), base.resolve("killed").toString(),
        DockerEngine.host()).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder said = new StringBuilder();
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("RUNNING ")) {
        said.append(line).append('\n');
      }
      assertTrue(line != null, "the child JVM ended before its jobs ran:\n" + said);
    } finally {
      child.destroyForcibly();
    }
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    SweepResults results = Sweep.attach(executor, base.resolve("killed")).await();
    assertTrue(results.allSucceeded(), results.unsuccessful().toString());
    assertEquals(2, results.rows().size());
    DockerClient client = new DockerConnection(ExecutorConfig.builder("docker")
        .setting("docker-host", DockerEngine.host()).build()).client();
    for (CombinationResult row : results.rows()) {
      String a = ((JsonString) row.combination().values().get("a")).value();
      assertEquals(a + "\n", Files.readString(row.result().outputFile("o").orElseThrow()));
      assertTrue(client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ContainerLabels.FOLDER,
          row.result().workDirectory().toString())).exec().isEmpty(), "the re-attached container is removed");
    }
  }
}
