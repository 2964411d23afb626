package org.vipboutiques.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.execution.container.ContainerLabels;

/**
 * Removes the containers this library leaves behind. Every container is labelled ({@link
 * ContainerLabels}) with the host and process id of the JVM that made it, and its job folder; a
 * JVM removes its own when it shuts
 * down. Containers of a JVM of this host that is no longer alive (killed before its shutdown hook
 * ran) are kept for a re-attach ({@link DockerExecutor#attach(String, java.nio.file.Path)}) and
 * removed by the next docker executor of the host only when nothing is left to re-attach: the
 * container never started, or it ended more than the keep period ago (a keep period of zero
 * removes them all, running or not). A running one runs on to its end, as a local process or a
 * Slurm job does when the JVM that submitted it dies.
 */
final class ContainerReaper {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerReaper.class);

  private ContainerReaper() {}

  /**
   * Removes the containers of dead JVMs of this host that cannot be re-attached any more (never
   * started, or ended more than {@code keep} ago; all of them when {@code keep} is zero); returns how many.
   */
  static int reapOrphans(DockerClient client, Duration keep) {
    int removed = 0;
    List<Container> containers = client.listContainersCmd().withShowAll(true)
        .withLabelFilter(ContainerLabels.ofThisHost()).exec();
    for (Container c : containers) {
      String pid = c.getLabels() == null ? null : c.getLabels().get(ContainerLabels.PID);
      if (ContainerLabels.ownerDead(pid) && (keep.isZero() || !reattachable(client, c, keep))) {
        removed += remove(client, c.getId()) ? 1 : 0;
      }
    }
    if (removed > 0) {
      LOG.info("removed {} container(s) left by stopped processes", removed);
    }
    return removed;
  }

  /** Whether a dead JVM's container may still be re-attached: running, or ended less than {@code keep} ago. */
  private static boolean reattachable(DockerClient client, Container c, Duration keep) {
    String state = c.getState() == null ? "" : c.getState();
    if (state.equals("created")) {
      return false; // never started: nothing ran, a re-attach reports it gone either way
    }
    if (!state.equals("exited") && !state.equals("dead")) {
      return true; // running, paused, restarting, being removed
    }
    try {
      String finished = client.inspectContainerCmd(c.getId()).exec().getState().getFinishedAt();
      return finished == null || Instant.parse(finished).plus(keep).isAfter(Instant.now());
    } catch (RuntimeException e) {
      return true; // unknown end: kept, a later executor decides
    }
  }

  /** Removes every container of this JVM. */
  static void reapOwn(DockerClient client) {
    List<Container> containers = client.listContainersCmd().withShowAll(true)
        .withLabelFilter(ContainerLabels.ofThisJvm()).exec();
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
