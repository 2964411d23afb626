package org.vipboutiques.podman;

import java.util.Locale;

/** Podman's own errors ({@code Error: ...}, exit code 125), said in one sentence a user can act on. */
final class PodmanErrors {

  private PodmanErrors() {}

  /** A sentence for podman's error line. */
  static String explain(String errorLine, String image, PodmanCli cli) {
    String m = errorLine.startsWith("Error: ") ? errorLine.substring(7) : errorLine;
    String lower = m.toLowerCase(Locale.ROOT);
    if (lower.contains("unresolvable cdi devices")) {
      return "this tool needs a GPU, and Podman has no CDI device for it (" + m + "); generate a CDI specification"
          + " (nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml on a host with an NVIDIA GPU), or mark the tool"
          + " \"policy\": \"preferred\" in its vip:gpu requirement if it can run on the CPU";
    }
    if (lower.contains("image not known") || lower.contains("short-name") || lower.contains("manifest unknown")
        || lower.contains("initializing source") || lower.contains("pull access denied")) {
      return "the image " + image + " is not in " + cli.where() + " and could not be pulled (" + m
          + "); pull, load or build it first";
    }
    if (lower.contains("unable to connect to podman") || lower.contains("connection refused")
        || lower.contains("no such file or directory") && lower.contains("sock")) {
      return "no Podman service answers at " + cli.url().orElse("?") + " (" + m + "); start one (systemctl start"
          + " podman.socket, or podman system service), or unset CONTAINER_HOST to run podman locally";
    }
    if (lower.contains("error setting rlimit")) {
      return "podman could not start the container (" + m + "): its default ulimits exceed this host's hard limits;"
          + " set default_ulimits in containers.conf within them (scripts/podman-up.sh shows how)";
    }
    return "podman refused: " + m;
  }
}
