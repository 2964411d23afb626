package org.vipboutiques.docker;

import java.util.Locale;

/** Daemon errors, said in one sentence a user can act on. */
final class DockerErrors {

  static final String NO_NVIDIA_RUNTIME = "this tool needs a GPU, and the Docker engine has no NVIDIA runtime to give"
      + " one to a container (install the NVIDIA Container Toolkit on a host with a GPU, or mark the tool"
      + " \"policy\": \"preferred\" in its vip:gpu requirement if it can run on the CPU)";

  private DockerErrors() {}

  /** A sentence for a daemon error message. */
  static String explain(String daemonMessage, String image) {
    String m = daemonMessage == null ? "" : daemonMessage;
    String lower = m.toLowerCase(Locale.ROOT);
    if (lower.contains("could not select device driver") || lower.contains("nvidia-container-cli")
        || lower.contains("unknown runtime specified nvidia")) {
      return NO_NVIDIA_RUNTIME;
    }
    if (lower.contains("no such image") || lower.contains("pull access denied") || lower.contains("manifest unknown")
        || lower.contains("not found") && lower.contains("image")) {
      return "the image " + image + " is not on this Docker engine and could not be pulled; pull or build it first";
    }
    if (lower.contains("connection refused") || lower.contains("no such file or directory") && lower.contains("sock")) {
      return "the Docker engine does not answer; start it, or set DOCKER_HOST";
    }
    String firstLine = m.lines().findFirst().orElse(m).trim();
    if (firstLine.startsWith("Status ")) {
      int brace = firstLine.indexOf("{\"message\":\"");
      if (brace >= 0) {
        firstLine = firstLine.substring(brace + 12).replaceAll("\"}\\s*$", "");
      }
    }
    return "the Docker engine refused: " + firstLine;
  }
}
