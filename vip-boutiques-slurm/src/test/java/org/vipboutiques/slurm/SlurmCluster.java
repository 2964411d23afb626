package org.vipboutiques.slurm;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.testing.conditions.RequiredBy;

/**
 * Helpers for the tests that run on the Slurm cluster (scripts/slurm-up.sh starts one here); those
 * tests are annotated {@link org.vipboutiques.testing.conditions.EnabledIfSlurm @EnabledIfSlurm},
 * which skips them where no cluster answers and fails them where VIPB_REQUIRE_SLURM=1 (CI).
 */
public final class SlurmCluster {

  private SlurmCluster() {}

  static boolean required() {
    return RequiredBy.isSet("VIPB_REQUIRE_SLURM");
  }

  /**
   * A stand-in for a Slurm command that knows no job (as squeue does once {@code MinJobAge} has
   * passed): it prints {@code stderr}, if any, and exits with {@code exitCode}.
   */
  static Path forgetful(Path folder, String name, int exitCode, String stderr) throws IOException {
    Path fake = Files.createDirectories(folder).resolve(name);
    Files.writeString(fake, "#!/bin/sh\n" + (stderr.isEmpty() ? "" : "echo '" + stderr + "' >&2\n")
        + "exit " + exitCode + "\n");
    fake.toFile().setExecutable(true);
    return fake;
  }

  /**
   * An executor for the tests, its jobs under {@code jobs}: polling fast, and cancelling what is
   * left when closed (tests leave nothing behind); {@code settings} add to or replace those.
   */
  static SlurmExecutor executor(Path jobs, Map<String, String> settings) throws ExecutorUnavailableException {
    return JobExecutors.create(config(jobs, settings)).as(SlurmExecutor.class).orElseThrow();
  }

  /** The configuration of {@link #executor}. */
  static ExecutorConfig config(Path jobs, Map<String, String> settings) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("poll-interval", "250ms");
    all.put("poll-interval-max", "1s");
    all.put("cancel-on-close", "true");
    all.putAll(settings);
    return ExecutorConfig.builder("slurm").baseDirectory(jobs).settings(all).build();
  }

  /** What a command printed (both streams) and its exit code. */
  record Output(int code, String text) {}

  static Output run(Duration timeout, String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return new Output(-1, "timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new Output(-1, "interrupted");
    }
    return new Output(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** Runs a command as root: directly when this is root, else with {@code sudo -n}. */
  static Output asRoot(String... command) throws IOException {
    boolean root = "root".equals(System.getProperty("user.name"));
    List<String> line = new ArrayList<>(root ? List.of() : List.of("sudo", "-n"));
    line.addAll(List.of(command));
    try {
      return run(Duration.ofSeconds(30), line.toArray(String[]::new));
    } catch (IOException e) {
      return new Output(-1, e.getMessage());
    }
  }

  /** The nodes and their states, {@code vm idle}. */
  static List<String> nodes() throws IOException {
    return run(Duration.ofSeconds(15), "sinfo", "--noheader", "--Node", "--format=%N %T").text.lines()
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** Waits until every node is up again (resuming nodes left down), for the tests that follow. */
  static void waitForNodes(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> nodes = nodes();
      List<String> down = new ArrayList<>();
      for (String n : nodes) {
        String state = n.substring(n.indexOf(' ') + 1);
        if (state.endsWith("*") || state.startsWith("down") || state.startsWith("drain") || state.startsWith("fail")) {
          down.add(n.substring(0, n.indexOf(' ')));
        }
      }
      if (!nodes.isEmpty() && down.isEmpty()) {
        return;
      }
      for (String n : down) {
        asRoot("scontrol", "update", "NodeName=" + n, "State=RESUME");
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the Slurm nodes did not come back: " + nodes());
  }

  /** The pid file of the slurmd serving {@code node} on this machine, as slurm.conf names it. */
  static Path slurmdPidFile(String node) throws IOException {
    return Path.of(slurmdPidPattern().replace("%n", node));
  }

  /**
   * The pid file of {@code node}'s slurmd, for a test that kills it: skips (or fails, where
   * VIPB_REQUIRE_SLURM=1) unless this process may (root, or sudo without a password).
   */
  static Path killableSlurmd(String node) throws IOException {
    Path pidFile = slurmdPidFile(node);
    String why = asRoot("true").code() == 0 && Files.exists(pidFile) ? null
        : "killing slurmd needs root (or sudo without a password) and its pid file " + pidFile;
    if (why != null && required()) {
      fail(why);
    }
    assumeTrue(why == null, why);
    return pidFile;
  }

  /**
   * The command that starts the slurmd of {@code node} again: with {@code -N} where this machine
   * runs one slurmd per node (scripts/slurm-up.sh with VIPB_SLURM_NODES > 1).
   */
  static String[] slurmdStart(String node) throws IOException {
    String slurmd = Optional.ofNullable(System.getenv("VIPB_SLURMD")).orElse("/usr/sbin/slurmd");
    return slurmdPidPattern().contains("%n") ? new String[] {slurmd, "-N", node} : new String[] {slurmd};
  }

  private static String slurmdPidPattern() throws IOException {
    for (String line : run(Duration.ofSeconds(15), "scontrol", "show", "config").text.split("\n")) {
      if (line.startsWith("SlurmdPidFile")) {
        return line.substring(line.indexOf('=') + 1).strip();
      }
    }
    return "/run/slurmd.pid";
  }

  /** The node a running job was given (its first, for a multi-node job). */
  static String nodeOf(String jobId) throws IOException {
    return nodesOf(jobId).get(0);
  }

  /** The nodes a running job was given, in Slurm's order. */
  static List<String> nodesOf(String jobId) throws IOException {
    String list = run(Duration.ofSeconds(15), "squeue", "--noheader", "--jobs=" + jobId, "--format=%N").text.strip();
    List<String> nodes = run(Duration.ofSeconds(15), "scontrol", "show", "hostnames", list).text.lines()
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (nodes.isEmpty()) {
      throw new AssertionError("no node for job " + jobId + " (squeue: \"" + list + "\")");
    }
    return nodes;
  }

  /** The slurmstepd processes of a job, found by their names ({@code slurmstepd: [ID.batch]}). */
  static List<Long> stepDaemons(String jobId) throws IOException {
    List<Long> out = new ArrayList<>();
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.toList()) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
          if (cmd.startsWith("slurmstepd: [" + jobId + ".")) {
            out.add(Long.parseLong(name));
          }
        } catch (IOException e) {
          // gone
        }
      }
    }
    return out;
  }
}
