package org.vipboutiques.docker;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Docker engine tests run against: DOCKER_HOST, else the one scripts/docker-up.sh starts.
 * Tests skip where none answers, and fail where VIPB_REQUIRE_DOCKER=1 (CI).
 */
final class DockerEngine {

  static final String TEST_IMAGE = Optional.ofNullable(System.getenv("VIPB_TEST_IMAGE")).orElse("vipb-busybox:latest");

  private DockerEngine() {}

  static String host() {
    String env = System.getenv("DOCKER_HOST");
    if (env != null && !env.isBlank()) {
      return env;
    }
    if (Files.exists(Path.of("/run/vipb-docker/docker.sock"))) {
      return "unix:///run/vipb-docker/docker.sock";
    }
    return "unix:///var/run/docker.sock";
  }

  /** Skips (or fails, in CI) unless an engine answers and has the test image. */
  static void require() {
    String why = null;
    try (DockerConnection c = new DockerConnection(org.vipboutiques.execution.ExecutorConfig.builder("docker")
        .setting("docker-host", host()).build())) {
      c.client().inspectImageCmd(TEST_IMAGE).exec();
    } catch (Exception e) {
      why = "no Docker engine with the image " + TEST_IMAGE + " at " + host() + ": " + e.getMessage()
          + " (run scripts/docker-up.sh)";
    }
    if (why != null && "1".equals(System.getenv("VIPB_REQUIRE_DOCKER"))) {
      fail(why);
    }
    assumeTrue(why == null, why);
  }
}
