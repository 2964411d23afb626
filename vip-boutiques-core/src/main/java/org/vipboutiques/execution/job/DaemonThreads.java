package org.vipboutiques.execution.job;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads for back ends' workers and timers: daemons (they never keep a JVM alive on their own;
 * shutdown hooks do the cleaning up), named after their executor for thread dumps.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** Threads named {@code name-1}, {@code name-2}, ... */
  public static ThreadFactory named(String name) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
