package org.vipboutiques.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vipboutiques.testing.conditions.EnabledIfDocker;

/**
 * docs/execution.md's Docker examples, run on the engine at DOCKER_HOST with the test image
 * (eval "$(scripts/docker-up.sh)" starts one): skipped, saying why, where there is none, failed
 * where VIPB_REQUIRE_DOCKER is set.
 */
@EnabledIfDocker
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DockerExamplesTest {

  @Test
  void theExecutionExampleRunsTheDocsToolInItsImageAndPrintsItsOutput() throws Exception {
    String out = Printed.by(() -> ExecutionExample.main(new String[0]));

    List<String> lines = out.lines().toList();
    assertTrue(lines.contains("QUEUED created") || lines.stream().anyMatch(l -> l.startsWith("QUEUED")), out);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("SUCCEEDED")), out);
    Path brain = Path.of(lines.get(lines.size() - 1));
    assertEquals("brain.nii.gz", brain.getFileName().toString(), out);
    assertEquals("bet t1.nii.gz brain -f 0.4\n", Files.readString(brain), "written by the tool in its container");
  }

  @Test
  void theDescriptorTestsExampleRunsTheDescriptorsTestsInDocker() throws Throwable {
    List<DynamicTest> tests = new DescriptorTestsExample().descriptorTests().toList();
    assertEquals(List.of("extracts the brain", "says it is done"),
        tests.stream().map(t -> t.getDisplayName().replaceAll("^.*: ", "")).toList());
    for (DynamicTest t : tests) {
      t.getExecutable().execute();     // throws where the descriptor's test fails
    }
  }
}
