package org.vipboutiques.podman;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Whether a container was killed from outside the executor ({@code podman kill}, whatever the
 * signal), told by Podman's event log: a {@code kill} (or {@code stop}) event of the container.
 * Podman 4.3 logs no event for {@code podman rm -f}, and a {@code podman stop} of a {@code --rm}
 * container rarely gets its event logged before the container is gone: those end as the exit code
 * of the signal (137), the tool's, retried only when listed. Asked only for a container that ended with a
 * non-zero exit code and that the executor itself did not stop (a cancel or timeout), so every such
 * event is someone else's. An out-of-memory kill, or a tool's process killed by the tool, leaves no
 * such event: that stays the tool's exit code.
 */
final class ContainerKills {

  private static final Duration LIMIT = Duration.ofSeconds(30);

  private ContainerKills() {}

  /**
   * The event ({@code kill} or {@code stop}) that ended {@code name}, if one did, since {@code
   * since}. Podman writes {@code kill} before it signals, so it is there when {@code podman run}
   * returns; a {@code stop} event is written after the stop, and is often missing for a {@code
   * --rm} container (removed first): counted when there.
   */
  static Optional<String> outsideStop(PodmanCli cli, String name, Instant since, int exitCode)
      throws InterruptedException {
    return read(cli, name, since);
  }

  private static Optional<String> read(PodmanCli cli, String name, Instant since) throws InterruptedException {
    try {
      PodmanCli.Output events = cli.run(List.of("events", "--stream=false", "--since",
          since.minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString(), "--filter", "container=" + name,
          "--filter", "event=kill", "--filter", "event=stop", "--format", "{{.Status}}"), LIMIT);
      if (events.exitCode() != 0) {
        return Optional.empty();
      }
      return events.stdout().lines().map(String::strip).filter(s -> s.equals("kill") || s.equals("stop")).findFirst();
    } catch (IOException e) {
      return Optional.empty(); // no event log to read: the exit code stays the tool's
    }
  }
}
