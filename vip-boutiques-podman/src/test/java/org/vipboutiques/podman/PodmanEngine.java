package org.vipboutiques.podman;

import java.time.Duration;
import java.util.List;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.container.ContainerLabels;
import org.vipboutiques.testing.conditions.Docker;
import org.vipboutiques.testing.conditions.Podman;

/**
 * The Podman service tests run against ({@link Podman#host()}: CONTAINER_HOST, else the one
 * scripts/podman-up.sh starts) and their image. Tests that need it are annotated
 * {@link org.vipboutiques.testing.conditions.EnabledIfPodman @EnabledIfPodman}.
 */
final class PodmanEngine {

  static final String TEST_IMAGE = Docker.testImage();

  private PodmanEngine() {}

  static String host() {
    return Podman.host();
  }

  static ExecutorConfig.Builder config(java.nio.file.Path base) {
    return ExecutorConfig.builder("podman").baseDirectory(base).setting("podman-host", host()).setting("pull", "never");
  }

  static PodmanCli cli() throws Exception {
    return PodmanCli.of(config(java.nio.file.Path.of(".")).build());
  }

  /**
   * Names of this JVM's containers made for jobs under {@code base}: a test's own, whatever other
   * test runs sharing the service leave.
   */
  static List<String> containersUnder(java.nio.file.Path base) throws Exception {
    String under = base.toRealPath() + "/";
    PodmanCli.Output ps = cli().run(List.of("ps", "--all", "--filter", "label=" + ContainerLabels.PID + "="
        + ProcessHandle.current().pid(), "--format", "{{.Names}} {{index .Labels \"" + ContainerLabels.FOLDER + "\"}}"),
        Duration.ofSeconds(30));
    if (ps.exitCode() != 0) {
      throw new AssertionError("podman ps: " + ps.stderr());
    }
    return ps.stdout().lines().map(l -> l.strip().split("\\s+", 2)).filter(f -> f.length == 2 && f[1].startsWith(under))
        .map(f -> f[0]).toList();
  }

  /** Names of the containers labelled {@code label=value} (all of this library's when value is "true"). */
  static List<String> containers(String label, String value) throws Exception {
    PodmanCli.Output ps = cli().run(List.of("ps", "--all", "--filter", "label=" + label + "=" + value, "--format",
        "{{.Names}}"), Duration.ofSeconds(30));
    if (ps.exitCode() != 0) {
      throw new AssertionError("podman ps: " + ps.stderr());
    }
    return ps.stdout().lines().filter(l -> !l.isBlank()).toList();
  }
}
