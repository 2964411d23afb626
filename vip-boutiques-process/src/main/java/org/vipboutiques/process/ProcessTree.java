package org.vipboutiques.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops a tool and everything it started. Jobs are started in a session of their own
 * ({@code setsid}), so the whole process group is signalled: children that a shell script
 * starts in the background go too. Where {@code setsid} is missing, the process's descendants
 * are signalled one by one. TERM first, then KILL after a grace period.
 */
public final class ProcessTree {

  /** {@code setsid}, when the system has it. */
  public static final String SETSID = List.of("/usr/bin/setsid", "/bin/setsid").stream()
      .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);

  private static final String KILL = List.of("/bin/kill", "/usr/bin/kill").stream()
      .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);

  private ProcessTree() {}

  /** TERM to the group (or tree), then KILL to whatever is left after {@code grace}. */
  public static void stop(ProcessHandle process, boolean ownGroup, Duration grace) {
    List<ProcessHandle> tree = snapshot(process);
    signal(process, tree, ownGroup, "TERM");
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < deadline && tree.stream().anyMatch(ProcessHandle::isAlive)) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<ProcessHandle> left = new ArrayList<>(tree);
    left.addAll(snapshot(process));
    signal(process, left, ownGroup, "KILL");
  }

  private static List<ProcessHandle> snapshot(ProcessHandle process) {
    List<ProcessHandle> all = new ArrayList<>();
    process.descendants().forEach(all::add);
    all.add(process);
    return all;
  }

  private static void signal(ProcessHandle process, List<ProcessHandle> tree, boolean ownGroup, String signal) {
    if (ownGroup && KILL != null && process.isAlive()) {
      try {
        Process kill = new ProcessBuilder(KILL, "-" + signal, "--", "-" + process.pid())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        kill.waitFor(5, TimeUnit.SECONDS);
      } catch (IOException e) {
        // fall back to the handles below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Children first, so a shell cannot respawn them; also catches processes that left the group.
    for (ProcessHandle h : tree) {
      if (h.isAlive()) {
        if (signal.equals("KILL")) {
          h.destroyForcibly();
        } else {
          h.destroy();
        }
      }
    }
  }
}
