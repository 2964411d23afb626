package org.vipboutiques.execution.container;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels of every container this library makes: that it is one of ours, the host and process
 * id of the JVM that made it, and its job folder (name and real path). A back end lists them to
 * remove its own at close and shutdown, to reap those of JVMs of this host that died before they
 * could, and to find a job's container again from its folder.
 */
public final class ContainerLabels {

  public static final String LABEL = "org.vipboutiques";
  public static final String PID = "org.vipboutiques.pid";
  public static final String HOST = "org.vipboutiques.host";
  public static final String JOB = "org.vipboutiques.job";
  /** The job folder's real path: how a re-attach finds the container (a sweep knows the folder). */
  public static final String FOLDER = "org.vipboutiques.folder";

  private ContainerLabels() {}

  /** The labels of a job's container made by this JVM. */
  public static Map<String, String> of(Path jobFolder) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LABEL, "true");
    labels.put(HOST, hostName());
    labels.put(PID, self());
    labels.put(JOB, jobFolder.getFileName().toString());
    labels.put(FOLDER, jobFolder.toString());
    return labels;
  }

  /** The labels that select this host's containers of this library. */
  public static Map<String, String> ofThisHost() {
    return Map.of(LABEL, "true", HOST, hostName());
  }

  /** The labels that select this JVM's containers. */
  public static Map<String, String> ofThisJvm() {
    return Map.of(LABEL, "true", HOST, hostName(), PID, self());
  }

  public static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "unknown";
    }
  }

  /**
   * Whether the JVM of this host whose pid label is {@code pid} is gone, so that nobody follows
   * its containers: false for this JVM and for a container without the label, true for a label
   * that is no pid.
   */
  public static boolean ownerDead(String pid) {
    if (pid == null || pid.isBlank() || pid.equals(self())) {
      return false;
    }
    try {
      return !ProcessHandle.of(Long.parseLong(pid.strip())).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /** Whether another live JVM of this host made the container labelled so (it follows it). */
  public static boolean followedElsewhere(Map<String, String> labels) {
    String pid = labels.getOrDefault(PID, "");
    if (!hostName().equals(labels.get(HOST)) || pid.equals(self())) {
      return false;
    }
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String self() {
    return Long.toString(ProcessHandle.current().pid());
  }
}
