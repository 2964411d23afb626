package org.vipboutiques.podman;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.execution.container.ContainerLabels;

/**
 * Removes the containers this library leaves behind. Every container is labelled ({@link
 * ContainerLabels}) with the host
 * and process id of the JVM that made it; containers of a JVM of this host that is no longer
 * alive (killed before its shutdown hook ran) are removed when a podman executor runs its first
 * job, and a JVM removes its own when it shuts down.
 */
final class ContainerReaper {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerReaper.class);
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private ContainerReaper() {}

  /**
   * Removes containers of dead JVMs of this host; returns how many.
   *
   * @throws IOException when podman does not answer (its message says why)
   */
  static int reapOrphans(PodmanCli cli) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("ps", "--all"));
    ContainerLabels.ofThisHost().forEach((k, v) -> args.addAll(List.of("--filter", "label=" + k + "=" + v)));
    args.addAll(List.of("--format", "{{.ID}} {{index .Labels \"" + ContainerLabels.PID + "\"}}"));
    PodmanCli.Output ps = cli.run(args, LIMIT);
    if (ps.exitCode() != 0) {
      throw new IOException(ps.lastErrorLine());
    }
    List<String> dead = new ArrayList<>();
    for (String line : ps.stdout().lines().toList()) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 2 && ContainerLabels.ownerDead(f[1])) {
        dead.add(f[0]);
      }
    }
    if (!dead.isEmpty() && remove(cli, dead)) {
      LOG.info("removed {} container(s) left by stopped processes", dead.size());
    }
    return dead.size();
  }

  /** Removes every container of this JVM. */
  static void reapOwn(PodmanCli cli) {
    try {
      List<String> args = new ArrayList<>(List.of("ps", "--all", "--quiet"));
      ContainerLabels.ofThisJvm().forEach((k, v) -> args.addAll(List.of("--filter", "label=" + k + "=" + v)));
      PodmanCli.Output ps = cli.run(args, LIMIT);
      List<String> ids = ps.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
      if (!ids.isEmpty()) {
        remove(cli, ids);
      }
    } catch (IOException e) {
      LOG.debug("listing own containers: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code podman rm --force --ignore}: kills what runs, and is quiet about what is already gone. */
  static boolean remove(PodmanCli cli, List<String> idsOrNames) {
    List<String> args = new ArrayList<>(List.of("rm", "--force", "--ignore", "--time", "0"));
    args.addAll(idsOrNames);
    try {
      PodmanCli.Output rm = cli.run(args, LIMIT);
      if (rm.exitCode() != 0) {
        LOG.warn("could not remove container(s) {}: {}", idsOrNames, rm.lastErrorLine());
        return false;
      }
      return true;
    } catch (IOException e) {
      LOG.warn("could not remove container(s) {}: {}", idsOrNames, e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
