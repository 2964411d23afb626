package org.vipboutiques.testing.conditions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Slurm cluster the tests use, found as Slurm's commands find it: the configuration file
 * {@code SLURM_CONF}, else {@code /etc/slurm/slurm.conf}, then {@code sinfo} on the PATH. A missing
 * configuration file is an absent cluster at once (the commands would retry it for a minute).
 * Looked for once per JVM.
 */
public final class Slurm {

  static final String REQUIRED_BY = "VIPB_REQUIRE_SLURM";
  static final String REQUIRED_NODES_BY = "VIPB_REQUIRE_SLURM_NODES";
  static final String REQUIRED_ACCOUNTING_BY = "VIPB_REQUIRE_SLURM_ACCOUNTING";
  private static final String FIX = "; run scripts/slurm-up.sh";
  private static final long TIMEOUT_SECONDS = 15;

  private Slurm() {}

  /** The configuration file Slurm's commands read. */
  public static Path conf() {
    return Optional.ofNullable(System.getenv("SLURM_CONF")).filter(s -> !s.isBlank()).map(Path::of)
        .orElse(Path.of("/etc/slurm/slurm.conf"));
  }

  /** Whether a cluster answers with a node that can run jobs. */
  public static Probe probe() {
    return Cached.CLUSTER;
  }

  /** The nodes up (0 where no cluster answers). */
  public static int nodesUp() {
    return Cached.NODES_UP;
  }

  /** Whether the cluster keeps accounting and sacct answers. */
  public static Probe accounting() {
    return Accounting.PROBE;
  }

  private static final class Cached {
    static final Probe CLUSTER = cluster(conf());
    static final int NODES_UP = CLUSTER.present() ? countNodesUp() : 0;
  }

  private static final class Accounting {
    static final Probe PROBE = Cached.CLUSTER.present() ? probeAccounting() : Cached.CLUSTER;
  }

  static Probe cluster(Path conf) {
    if (!Files.isRegularFile(conf)) {
      return Probe.absent("no Slurm cluster: no configuration at " + conf
          + (System.getenv("SLURM_CONF") != null ? " (SLURM_CONF)" : "") + FIX);
    }
    Output o = run("sinfo", "--noheader", "--format=%T");
    if (o.code() != 0) {
      return Probe.absent("no Slurm cluster answers at " + conf + " (sinfo: " + o.firstLine() + ")" + FIX);
    }
    if (o.text().lines().map(String::strip).noneMatch(s -> s.startsWith("idle") || s.startsWith("mixed")
        || s.startsWith("alloc") || s.startsWith("completing"))) {
      return Probe.absent("the Slurm cluster at " + conf + " has no node up (sinfo: " + o.text().strip() + ")" + FIX);
    }
    return Probe.present("Slurm cluster at " + conf);
  }

  private static int countNodesUp() {
    Output o = run("sinfo", "--noheader", "--Node", "--format=%N %T");
    return (int) o.text().lines().map(String::strip).filter(s -> !s.isEmpty())
        .filter(s -> !s.endsWith("*") && !s.contains(" down") && !s.contains(" drain") && !s.contains(" fail"))
        .map(s -> s.substring(0, s.indexOf(' ') < 0 ? s.length() : s.indexOf(' '))).distinct().count();
  }

  private static Probe probeAccounting() {
    Output config = run("scontrol", "show", "config");
    if (!config.text().contains("accounting_storage/slurmdbd")) {
      return Probe.absent("the Slurm cluster keeps no accounting: run VIPB_SLURM_ACCOUNTING=1 scripts/slurm-up.sh");
    }
    Output sacct = run("sacct", "--noheader", "--allocations", "--jobs=1");
    if (sacct.code() != 0) {
      return Probe.absent("sacct does not answer (" + sacct.firstLine()
          + "): run VIPB_SLURM_ACCOUNTING=1 scripts/slurm-up.sh");
    }
    return Probe.present("Slurm accounting (slurmdbd)");
  }

  record Output(int code, String text) {
    String firstLine() {
      return text.strip().lines().findFirst().orElse("no output, exit code " + code);
    }
  }

  /** Runs a command with a time limit; its output is read on its own thread so a full pipe cannot stall it. */
  static Output run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
        try {
          return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          return "";
        }
      });
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Output(-1, command[0] + " gave no answer within " + TIMEOUT_SECONDS + " s");
      }
      return new Output(p.exitValue(), out.join());
    } catch (IOException e) {
      return new Output(-1, command[0] + " is not on the PATH (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Output(-1, "interrupted");
    }
  }
}
