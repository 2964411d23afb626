package org.vipboutiques.testing.conditions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Podman the tests use, found as Podman's clients find its service: {@code CONTAINER_HOST},
 * else the service scripts/podman-up.sh starts on its private socket, else the default rootful
 * socket {@code /run/podman/podman.sock}; the {@code podman} command on the PATH; and the test
 * image ({@link Docker#testImage()}). The probe speaks the service's Docker-compatible API
 * ({@code /_ping}, then the image), as {@link Docker} does.
 */
public final class Podman {

  /** The socket scripts/podman-up.sh serves. */
  static final String PODMAN_UP_SOCKET = "/run/vipb-podman/podman.sock";
  /** Where a rootful Podman's socket (podman.socket) listens. */
  static final String ROOTFUL_SOCKET = "/run/podman/podman.sock";

  private Podman() {}

  /** Where the service is expected, as a CONTAINER_HOST value. */
  public static String host() {
    String env = System.getenv("CONTAINER_HOST");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    if (Files.exists(Path.of(PODMAN_UP_SOCKET))) {
      return "unix://" + PODMAN_UP_SOCKET;
    }
    return "unix://" + ROOTFUL_SOCKET;
  }

  /** Whether podman is here, its service answers, and it has the test image; looked for once per JVM. */
  public static Probe probe() {
    return Cached.PROBE;
  }

  private static final class Cached {
    static final Probe PROBE = probe(host(), Docker.testImage(), System.getenv("PATH"));
  }

  /** Looks for the podman command on {@code path} and a service at {@code host} holding {@code image}. */
  static Probe probe(String host, String image, String path) {
    String fix = ": start one with `eval \"$(scripts/podman-up.sh)\"` (or set CONTAINER_HOST)";
    boolean onPath = path != null && java.util.Arrays.stream(path.split(File.pathSeparator))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "podman")));
    if (!onPath) {
      return Probe.absent("podman is not on the PATH (Debian: apt-get install podman; scripts/podman-up.sh installs"
          + " it and starts a service)");
    }
    try {
      int ping = Docker.status(host, "/_ping");
      if (ping != 200) {
        return Probe.absent("the Podman service at " + host + " answers /_ping with HTTP " + ping + fix);
      }
      int inspect = Docker.status(host, "/images/" + image + "/json");
      if (inspect != 200) {
        return Probe.absent("the Podman service at " + host + " has no image " + image + " (HTTP " + inspect
            + "): scripts/podman-up.sh makes it");
      }
      return Probe.present("Podman service at " + host + " with " + image);
    } catch (IOException | RuntimeException e) {
      return Probe.absent("no Podman service at " + host + " (" + Optional.ofNullable(e.getMessage()).orElse(
          e.getClass().getSimpleName()) + ")" + fix);
    }
  }
}
