package org.vipboutiques.execution.job;

import java.util.concurrent.Semaphore;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;

/**
 * How many jobs run at once on this machine. With {@link ExecutorConfig#maxConcurrentJobs()}
 * set, that many; otherwise the machine's cores are shared out and each job takes its
 * descriptor's {@code cpu-cores} (so cores / cpu-cores jobs of one descriptor run together).
 */
public final class JobSlots {

  private final Semaphore permits;
  private final int total;
  private final boolean fixed;

  public JobSlots(ExecutorConfig config) {
    this.fixed = config.maxConcurrentJobs() > 0;
    this.total = fixed ? config.maxConcurrentJobs() : Math.max(1, Runtime.getRuntime().availableProcessors());
    this.permits = new Semaphore(total, true);
  }

  /** The permits a job of this descriptor takes. */
  public int weight(Descriptor descriptor) {
    if (fixed) {
      return 1;
    }
    int cores = descriptor.suggestedResources().flatMap(r -> r.cpuCores()).orElse(1);
    return Math.max(1, Math.min(total, cores));
  }

  /** Blocks until the job may start. */
  public void acquire(int weight) throws InterruptedException {
    permits.acquire(weight);
  }

  public void release(int weight) {
    permits.release(weight);
  }

  public int total() {
    return total;
  }
}
