package org.vipboutiques.podman;

import java.util.List;
import java.util.Locale;
import org.vipboutiques.execution.FailureKind;

/**
 * Which of Podman's own errors ({@code Error: ...}, exit code 125, 126 or 127 of {@code podman
 * run}) are the infrastructure's, so a new attempt may cure them: the service lost under the job,
 * the container removed under it, storage or OCI runtime failures. A request that cannot work as
 * written (a missing image, a bad option, an unresolvable CDI device, limits above the host's, a
 * command the image lacks) is not: it would fail again.
 */
final class PodmanFailures {

  /** The request's own errors, looked for first: they may also name the runtime. */
  private static final List<String> REQUEST = List.of("unresolvable cdi devices", "image not known", "short-name",
      "manifest unknown", "initializing source", "pull access denied", "error setting rlimit", "executable file not found",
      "permission denied", "unknown flag", "invalid", "unknown shorthand", "already in use", "cannot be used");

  /** The infrastructure's errors. */
  private static final List<String> INFRASTRUCTURE = List.of("unable to connect to podman", "connection refused",
      "connection reset", "broken pipe", "unexpected eof", ": eof", "no such container", "no container with name or id",
      "has been removed", "no space left on device", "input/output error", "storage", "layer not known",
      "database is locked", "oci runtime", "crun:", "runc:", "conmon", "timed out", "timeout");

  private PodmanFailures() {}

  /** The kind of podman's error line ({@code Error: ...}). */
  static FailureKind kindOf(String errorLine) {
    String lower = errorLine.toLowerCase(Locale.ROOT);
    if (REQUEST.stream().anyMatch(lower::contains)) {
      return FailureKind.OTHER;
    }
    return INFRASTRUCTURE.stream().anyMatch(lower::contains) ? FailureKind.INFRASTRUCTURE : FailureKind.OTHER;
  }
}
