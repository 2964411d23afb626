package org.vipboutiques.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the containers this library leaves behind. Every container is labelled with the host
 * and process id of the JVM that made it; containers of a JVM of this host that is no longer
 * alive (killed before its shutdown hook ran) are removed when a docker executor opens, and a
 * JVM removes its own when it shuts down.
 */
final class ContainerReaper {

  static final String LABEL = "org.vipboutiques";
  static final String PID = "org.vipboutiques.pid";
  static final String HOST = "org.vipboutiques.host";
  static final String JOB = "org.vipboutiques.job";

  private static final Logger LOG = LoggerFactory.getLogger(ContainerReaper.class);

  private ContainerReaper() {}

  static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "unknown";
    }
  }

  /** Removes containers of dead JVMs of this host; returns how many. */
  static int reapOrphans(DockerClient client) {
    String host = hostName();
    int removed = 0;
    List<Container> containers = client.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(LABEL, "true", HOST, host)).exec();
    for (Container c : containers) {
      String pid = c.getLabels() == null ? null : c.getLabels().get(PID);
      if (pid == null || pid.equals(Long.toString(ProcessHandle.current().pid()))) {
        continue;
      }
      boolean alive;
      try {
        alive = ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
      } catch (NumberFormatException e) {
        alive = false;
      }
      if (!alive) {
        removed += remove(client, c.getId()) ? 1 : 0;
      }
    }
    if (removed > 0) {
      LOG.info("removed {} container(s) left by stopped processes", removed);
    }
    return removed;
  }

  /** Removes every container of this JVM. */
  static void reapOwn(DockerClient client) {
    List<Container> containers = client.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(LABEL, "true", HOST, hostName(), PID, Long.toString(ProcessHandle.current().pid())))
        .exec();
    for (Container c : containers) {
      remove(client, c.getId());
    }
  }

  static boolean remove(DockerClient client, String id) {
    try {
      client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
      return true;
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      LOG.warn("could not remove container {}: {}", id, e.getMessage());
      return false;
    }
  }
}
