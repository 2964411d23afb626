package org.vipboutiques.recon.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.junit.BoutiquesTests;
import org.vipboutiques.testing.conditions.Docker;
import org.vipboutiques.testing.conditions.EnabledIfDocker;
import org.vipboutiques.testing.conditions.Probe;

/**
 * Every test the shipped descriptors declare, through the docker executor in their own image,
 * {@code vipboutiques/vip-recon:0.1.0}: here the registry-free CPU build of
 * {@code scripts/vip-recon-image.sh} (the tools run their CPU path, as their {@code "policy":
 * "preferred"} allows). Skipped where the engine lacks the image, failed instead where
 * {@code VIPB_REQUIRE_VIP_RECON_IMAGE} is set.
 */
@EnabledIfDocker
@Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
class DockerImageDescriptorTestsTest {

  static final String IMAGE = "vipboutiques/vip-recon:0.1.0";

  @TempDir
  static Path dir;

  @TestFactory
  Stream<DynamicTest> everyDescriptorTestPassesInTheImage() {
    Probe image = Docker.image(IMAGE);
    if (!image.present()) {
      String why = image.detail() + "; build it with scripts/vip-recon-image.sh (no registry needed)";
      String required = System.getenv("VIPB_REQUIRE_VIP_RECON_IMAGE");
      if (required != null && !required.isBlank()) {
        throw new AssertionError(why + " (required here: VIPB_REQUIRE_VIP_RECON_IMAGE is set)");
      }
      Assumptions.abort(why);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Path p : Repository.descriptors()) {
      BoutiquesTests.of(p)
          .executor(ExecutorConfig.builder("docker").baseDirectory(dir.resolve("jobs")).maxConcurrentJobs(1)
              .setting("docker-host", Docker.host()).setting("pull", "never").build())
          .dynamicTests()
          .map(t -> DynamicTest.dynamicTest(p.getFileName() + " in " + IMAGE + ": " + t.getDisplayName(),
              t.getExecutable()))
          .forEach(tests::add);
    }
    return tests.stream();
  }
}
