package org.vipboutiques.podman;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the containers this library leaves behind. Every container is labelled with the host
 * and process id of the JVM that made it; containers of a JVM of this host that is no longer
 * alive (killed before its shutdown hook ran) are removed when a podman executor runs its first
 * job, and a JVM removes its own when it shuts down.
 */
final class ContainerReaper {

  static final String LABEL = "org.vipboutiques";
  static final String PID = "org.vipboutiques.pid";
  static final String HOST = "org.vipboutiques.host";
  static final String JOB = "org.vipboutiques.job";

  private static final Logger LOG = LoggerFactory.getLogger(ContainerReaper.class);
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private ContainerReaper() {}

  static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "unknown";
    }
  }

  /**
   * Removes containers of dead JVMs of this host; returns how many.
   *
   * @throws IOException when podman does not answer (its message says why)
   */
  static int reapOrphans(PodmanCli cli) throws IOException, InterruptedException {
    PodmanCli.Output ps = cli.run(List.of("ps", "--all", "--filter", "label=" + LABEL + "=true", "--filter",
        "label=" + HOST + "=" + hostName(), "--format", "{{.ID}} {{index .Labels \"" + PID + "\"}}"), LIMIT);
    if (ps.exitCode() != 0) {
      throw new IOException(ps.lastErrorLine());
    }
    List<String> dead = new ArrayList<>();
    String self = Long.toString(ProcessHandle.current().pid());
    for (String line : ps.stdout().lines().toList()) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 2 || f[1].equals(self)) {
        continue;
      }
      boolean alive;
      try {
        alive = ProcessHandle.of(Long.parseLong(f[1])).map(ProcessHandle::isAlive).orElse(false);
      } catch (NumberFormatException e) {
        alive = false;
      }
      if (!alive) {
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
      PodmanCli.Output ps = cli.run(List.of("ps", "--all", "--quiet", "--filter", "label=" + LABEL + "=true",
          "--filter", "label=" + HOST + "=" + hostName(), "--filter",
          "label=" + PID + "=" + ProcessHandle.current().pid()), LIMIT);
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
