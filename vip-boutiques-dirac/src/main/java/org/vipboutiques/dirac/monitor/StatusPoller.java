package org.vipboutiques.dirac.monitor;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.dirac.DiracException;
import org.vipboutiques.dirac.transport.DiracTransport;
import org.vipboutiques.dirac.transport.JobStatusRecord;

/**
 * Polls the status of every followed job in one request per round (the transport splits only
 * past its own limits), on one thread, every poll interval or sooner when woken. A failed round
 * is logged and retried next round, with a growing pause while the service stays unreachable;
 * jobs are never given up because DIRAC could not be reached.
 */
public final class StatusPoller {

  private static final Logger LOG = LoggerFactory.getLogger(StatusPoller.class);

  /** What a round saw. */
  public interface Listener {
    /** The statuses found, by job id; ids asked for and not found are in {@code absent}. */
    void round(Map<Long, JobStatusRecord> statuses, Collection<Long> absent);

    /** Work to do on the poller's thread before each round (batched kills, store flushes). */
    default void beforeRound() {}
  }

  private final DiracTransport transport;
  private final Supplier<List<Long>> followed;
  private final Listener listener;
  private final Duration interval;
  private final Semaphore wake = new Semaphore(0);
  private final Thread thread;
  private volatile boolean stopped;
  private volatile long rounds;

  public StatusPoller(DiracTransport transport, Supplier<List<Long>> followed, Duration interval, Listener listener) {
    this.transport = transport;
    this.followed = followed;
    this.interval = interval;
    this.listener = listener;
    this.thread = new Thread(this::loop, "vipb-dirac-poller");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Runs a round now rather than at the next interval. */
  public void wakeUp() {
    wake.release();
  }

  public long rounds() {
    return rounds;
  }

  private void loop() {
    int failures = 0;
    while (!stopped) {
      long pause = interval.toMillis() * (failures == 0 ? 1 : Math.min(8, 1L << Math.min(3, failures)));
      try {
        if (wake.tryAcquire(pause, TimeUnit.MILLISECONDS)) {
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      }
      if (stopped) {
        return;
      }
      try {
        listener.beforeRound();
        List<Long> ids = followed.get();
        if (ids.isEmpty()) {
          continue;
        }
        List<JobStatusRecord> records = transport.status(ids);
        Map<Long, JobStatusRecord> byId = new HashMap<>(records.size() * 2);
        for (JobStatusRecord r : records) {
          byId.put(r.jobId(), r);
        }
        List<Long> absent = ids.stream().filter(id -> !byId.containsKey(id)).toList();
        listener.round(byId, absent);
        rounds++;
        failures = 0;
      } catch (DiracException e) {
        failures++;
        LOG.warn("cannot poll DIRAC for job statuses ({}); trying again", e.getMessage());
      } catch (RuntimeException e) {
        failures++;
        LOG.warn("status round failed: {}", e.toString(), e);
      }
    }
  }

  /** Stops polling (waits a little for the current round). */
  public void stop() {
    stopped = true;
    wake.release();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
