package org.vipboutiques.slurm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.execution.Durations;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.job.JobStore;
import org.vipboutiques.slurm.command.CommandResult;
import org.vipboutiques.slurm.command.SlurmCommandException;
import org.vipboutiques.slurm.command.SlurmCommands;
import org.vipboutiques.slurm.command.SlurmTool;
import org.vipboutiques.slurm.state.HostList;
import org.vipboutiques.slurm.state.NodeReport;
import org.vipboutiques.slurm.state.SacctReport;
import org.vipboutiques.slurm.state.ScontrolReport;
import org.vipboutiques.slurm.state.SlurmJobInfo;
import org.vipboutiques.slurm.state.SlurmState;
import org.vipboutiques.slurm.state.SqueueReport;

/**
 * Follows every job of an executor from one thread: each poll is ONE {@code squeue} call for all
 * of them (with {@code --states=all}, so it also reports the jobs that ended, with their exit
 * codes). Only when a job is missing from that answer is more asked: {@code sacct} (one call for
 * all missing, where the cluster keeps accounting), else {@code scontrol show job} (a few per
 * poll), else the exit code the batch script left in the job folder; a job that stays unknown
 * and left nothing is failed after {@code lost-grace}. Every {@code node-check-interval}, one
 * {@code sinfo} call checks the nodes of the running jobs: a job whose node stops answering for
 * {@code node-grace} is failed and cancelled rather than waited on forever.
 *
 * <p>The interval starts at {@code poll-interval} and grows by half at each poll that sees no
 * change, up to {@code poll-interval-max}; a change, a submission or a cancellation brings it
 * back down.
 */
final class Monitor {

  private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);
  /** At most this many scontrol calls per poll (they are per job, and only for jobs squeue forgot). */
  private static final int SCONTROL_PER_POLL = 20;

  private final SlurmCommands commands;
  private final SlurmSettings settings;
  private final JobStore store;
  private volatile boolean accounting;
  private final Map<String, SlurmJob> jobs = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final Thread thread;
  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong pollNanos = new AtomicLong();
  private long lastPoll;
  private long nextPoll;
  private Duration interval;
  private volatile boolean stopped;
  private Instant controllerSilentSince;
  private Instant lastNodeCheck = Instant.EPOCH;

  Monitor(SlurmCommands commands, SlurmSettings settings, JobStore store, boolean accounting) {
    this.commands = commands;
    this.settings = settings;
    this.store = store;
    this.accounting = accounting;
    this.interval = settings.pollInterval();
    this.lastPoll = System.nanoTime();
    this.nextPoll = Long.MAX_VALUE;
    this.thread = new Thread(this::loop, "vipb-slurm-monitor");
    thread.setDaemon(true);
    thread.start();
  }

  boolean accounting() {
    return accounting;
  }

  /** Starts following a job. */
  void follow(SlurmJob job) {
    jobs.put(job.id(), job);
    hurry();
  }

  Optional<SlurmJob> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  /** The jobs followed, in no order. */
  List<SlurmJob> followed() {
    return List.copyOf(jobs.values());
  }

  /** Polls soon: within {@code poll-interval} of the last poll. */
  void hurry() {
    lock.lock();
    try {
      interval = settings.pollInterval();
      nextPoll = Math.min(nextPoll, lastPoll + interval.toNanos());
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops the thread (waiting for a poll under way to end); the jobs are left as they are. */
  void stop() {
    lock.lock();
    try {
      stopped = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    if (Thread.currentThread() != thread) {
      try {
        thread.join(settings.commandTimeout().toMillis() * 3 + 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  long polls() {
    return polls.get();
  }

  Duration pollTime() {
    return Duration.ofNanos(pollNanos.get());
  }

  private void loop() {
    while (true) {
      lock.lock();
      try {
        while (!stopped) {
          long now = System.nanoTime();
          if (jobs.isEmpty()) {
            nextPoll = Long.MAX_VALUE;
            wake.await();
          } else if (nextPoll == Long.MAX_VALUE) {
            nextPoll = lastPoll + interval.toNanos();
          } else if (now - nextPoll < 0) {
            wake.awaitNanos(nextPoll - now);
          } else {
            break;
          }
        }
        if (stopped) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      long start = System.nanoTime();
      // Counted as it starts, so that squeue calls never outnumber polls, even mid-poll.
      polls.incrementAndGet();
      boolean changed = false;
      try {
        changed = poll();
      } catch (RuntimeException e) {
        LOG.warn("a poll of the Slurm jobs failed: {}", e.toString(), e);
      }
      long end = System.nanoTime();
      pollNanos.addAndGet(end - start);
      lock.lock();
      try {
        if (changed) {
          interval = settings.pollInterval();
        } else {
          long grown = interval.toNanos() + interval.toNanos() / 2;
          interval = Duration.ofNanos(Math.min(grown, settings.pollIntervalMax().toNanos()));
        }
        lastPoll = start;
        // From the start of the poll: one poll per interval, however long squeue took.
        nextPoll = start + interval.toNanos();
      } finally {
        lock.unlock();
      }
    }
  }

  /** One poll; returns whether anything changed. */
  boolean poll() {
    List<SlurmJob> followed = new ArrayList<>(jobs.values());
    if (followed.isEmpty()) {
      return false;
    }
    Set<String> ids = new LinkedHashSet<>();
    for (SlurmJob j : followed) {
      ids.add(j.queryId());
    }
    Map<String, SlurmJobInfo> infos;
    try {
      CommandResult r = commands.run(SlurmTool.SQUEUE, SqueueReport.arguments(ids));
      if (r.ok()) {
        infos = SqueueReport.parse(r.stdout());
      } else if (SqueueReport.noneKnown(r.stderr())) {
        infos = Map.of();
      } else {
        return controllerSilent(r.describe(), followed);
      }
    } catch (SlurmCommandException e) {
      return controllerSilent(e.getMessage(), followed);
    }
    if (controllerSilentSince != null) {
      LOG.info("the Slurm controller answers again");
      controllerSilentSince = null;
    }
    boolean changed = false;
    List<SlurmJob> missing = new ArrayList<>();
    for (SlurmJob j : followed) {
      SlurmJobInfo info = infos.get(j.id());
      if (info == null) {
        missing.add(j);
      } else {
        j.missingSince = null;
        changed |= apply(j, info);
      }
    }
    if (!missing.isEmpty()) {
      changed |= resolveMissing(missing);
    }
    changed |= checkNodes();
    if (settings.followLogs()) {
      for (SlurmJob j : jobs.values()) {
        if (j.status().state() == JobState.RUNNING) {
          j.stdout.poll();
          j.stderr.poll();
        }
      }
    }
    return changed;
  }

  /** What Slurm said of a job; returns whether it changed. */
  private boolean apply(SlurmJob j, SlurmJobInfo info) {
    Instant now = Instant.now();
    if (info.state().isEmpty()) {
      // A state this version does not know: keep the API state, show Slurm's word.
      return j.observe(j.status().state(), info.describe());
    }
    SlurmState s = info.state().get();
    if (!info.nodes().isEmpty()) {
      j.nodes = info.nodes();
    }
    boolean isFinal = s.isFinal() && !(s == SlurmState.PREEMPTED && j.requeue());
    // A job can start and end between two polls: Slurm's start time is the one to report. (A
    // pending job's start time is only an estimate, and one that never ran has no nodes.)
    if (s.jobState() == JobState.RUNNING || (isFinal && !info.nodes().isEmpty())) {
      j.started(info.startedAt().orElse(now));
    }
    if (isFinal) {
      end(j, Optional.of(s), info.describe(), info, Optional.empty());
      return true;
    }
    if (s == SlurmState.COMPLETING) {
      if (j.completingSince == null) {
        j.completingSince = now;
      } else if (Duration.between(j.completingSince, now).compareTo(settings.completingGrace()) >= 0
          && j.exitCodeFromFolder().isPresent()) {
        // The tool ended (its exit code is there) but Slurm cannot finish cleaning up its node.
        end(j, Optional.empty(), "COMPLETING for " + Durations.format(Duration.between(j.completingSince, now))
            + "; exit code from the job folder", info, Optional.empty());
        return true;
      }
    } else {
      j.completingSince = null;
    }
    JobState mapped = s == SlurmState.PREEMPTED ? JobState.QUEUED : s.jobState();
    return j.observe(mapped, info.describe());
  }

  private void end(SlurmJob j, Optional<SlurmState> state, String backendState, SlurmJobInfo info,
      Optional<String> failure) {
    end(j, state, backendState, info, failure, false);
  }

  /** @param nodeLost whether the job's node was lost (a failure of the cluster, not of the tool) */
  private void end(SlurmJob j, Optional<SlurmState> state, String backendState, SlurmJobInfo info,
      Optional<String> failure, boolean nodeLost) {
    jobs.remove(j.id());
    if (j.result().isDone()) {
      return;
    }
    JobResult r = j.outcome(state, backendState, Optional.ofNullable(info).flatMap(SlurmJobInfo::exit), failure);
    if (nodeLost && r.state() == JobState.FAILED && failure.isPresent()) {
      r = r.withFailure(org.vipboutiques.execution.FailureKind.INFRASTRUCTURE, failure.get());
    }
    // Stored first: whoever sees the result done can rely on the store.
    markFinished(j, r.state());
    j.complete(r);
  }

  void markFinished(SlurmJob j, JobState state) {
    try {
      store.markFinished(j.id(), state);
    } catch (RuntimeException e) {
      LOG.warn("cannot record the end of Slurm job {} in {}: {}", j.id(), store.file(), e.getMessage());
    }
  }

  /** Jobs that squeue does not list: ask sacct or scontrol, else read their folders. */
  private boolean resolveMissing(List<SlurmJob> missing) {
    Instant now = Instant.now();
    LOG.debug("not in squeue's answer: {}", missing.stream().map(SlurmJob::id).toList());
    for (SlurmJob j : missing) {
      if (j.missingSince == null) {
        j.missingSince = now;
      }
    }
    Map<String, SlurmJobInfo> found = new HashMap<>();
    if (accounting) {
      List<String> ids = missing.stream().map(SlurmJob::id).toList();
      try {
        CommandResult r = commands.run(SlurmTool.SACCT, SacctReport.arguments(ids));
        if (r.ok()) {
          found.putAll(SacctReport.parse(r.stdout()));
        } else if (SacctReport.accountingDisabled(r.stderr())) {
          LOG.info("sacct says the cluster keeps no accounting ({}); scontrol and the job folders are used instead",
              r.firstErrorLine());
          accounting = false;
        } else {
          LOG.debug("sacct: {}", r.describe());
        }
      } catch (SlurmCommandException e) {
        LOG.debug("sacct: {}", e.getMessage());
      }
    }
    if (!accounting && commands.has(SlurmTool.SCONTROL)) {
      int asked = 0;
      for (SlurmJob j : missing) {
        if (found.containsKey(j.id()) || asked++ >= SCONTROL_PER_POLL) {
          continue;
        }
        try {
          CommandResult r = commands.run(SlurmTool.SCONTROL, ScontrolReport.arguments(j.id()));
          if (r.ok()) {
            ScontrolReport.parse(r.stdout()).ifPresent(info -> found.put(j.id(), info));
          }
        } catch (SlurmCommandException e) {
          LOG.debug("scontrol: {}", e.getMessage());
        }
      }
    }
    boolean changed = false;
    for (SlurmJob j : missing) {
      SlurmJobInfo info = found.get(j.id());
      if (info != null && info.state().isPresent()) {
        changed |= apply(j, info);
        continue;
      }
      Optional<Integer> code = j.exitCodeFromFolder();
      if (code.isPresent()) {
        end(j, Optional.empty(), "ended, forgotten by Slurm; exit code " + code.get() + " from the job folder", null,
            Optional.empty());
        changed = true;
      } else if (j.storedFinal.equals(Optional.of(JobState.CANCELLED))) {
        j.cancelSent();
        end(j, Optional.of(SlurmState.CANCELLED), "CANCELLED (from the job store)", null, Optional.empty());
        changed = true;
      } else if (Duration.between(j.missingSince, now).compareTo(settings.lostGrace()) >= 0) {
        end(j, Optional.empty(), "unknown to Slurm", null, Optional.of("Slurm no longer knows job " + j.id()
            + " and it left no exit code in " + j.workDirectory() + ": it was cancelled or its node failed before the"
            + " tool ended" + (accounting ? "" : " (the cluster keeps no accounting to ask)") + "; see "
            + j.slurmErr()));
        changed = true;
      }
    }
    return changed;
  }

  /** Fails the running jobs whose node has not answered for node-grace. */
  private boolean checkNodes() {
    Instant now = Instant.now();
    if (!commands.has(SlurmTool.SINFO)
        || Duration.between(lastNodeCheck, now).compareTo(settings.nodeCheckInterval()) < 0) {
      return false;
    }
    List<SlurmJob> running = jobs.values().stream()
        .filter(j -> j.status().state() == JobState.RUNNING && !j.nodes.isEmpty()).toList();
    if (running.isEmpty()) {
      return false;
    }
    lastNodeCheck = now;
    Set<String> lists = new LinkedHashSet<>();
    running.forEach(j -> lists.add(j.nodes));
    Map<String, String> states;
    try {
      CommandResult r = commands.run(SlurmTool.SINFO, NodeReport.arguments(String.join(",", lists)));
      if (!r.ok()) {
        LOG.debug("sinfo: {}", r.describe());
        return false;
      }
      states = NodeReport.parse(r.stdout());
    } catch (SlurmCommandException e) {
      LOG.debug("sinfo: {}", e.getMessage());
      return false;
    }
    boolean changed = false;
    for (SlurmJob j : running) {
      Map<String, String> lost = new LinkedHashMap<>();
      for (String node : HostList.expand(j.nodes)) {
        String state = states.get(node);
        if (state != null && NodeReport.lost(state)) {
          lost.put(node, state);
        }
      }
      if (lost.isEmpty()) {
        j.nodeLostSince = null;
        continue;
      }
      if (j.nodeLostSince == null) {
        j.nodeLostSince = now;
        LOG.warn("the node of Slurm job {} does not answer: {}", j.id(), lost);
      }
      Duration silent = Duration.between(j.nodeLostSince, now);
      if (silent.compareTo(settings.nodeGrace()) < 0) {
        changed |= j.observe(JobState.RUNNING, "RUNNING (node " + describe(lost) + ")");
        continue;
      }
      boolean cancelled = scancel(j);
      end(j, Optional.empty(), "NODE LOST (" + describe(lost) + ")", null, Optional.of("its node " + describe(lost)
          + " stopped answering while it ran: slurmd or the node is down. Given up after "
          + Durations.format(silent) + (cancelled ? "; the job was cancelled on the cluster" : "")
          + "; submit it again"), true);
      changed = true;
    }
    return changed;
  }

  private static String describe(Map<String, String> nodes) {
    List<String> out = new ArrayList<>();
    nodes.forEach((n, s) -> out.add(n + " is " + s));
    return String.join(", ", out);
  }

  /** squeue did not answer: keep trying, with a longer interval; give up after controller-grace. */
  private boolean controllerSilent(String why, List<SlurmJob> followed) {
    Instant now = Instant.now();
    if (controllerSilentSince == null) {
      controllerSilentSince = now;
      LOG.warn("the Slurm controller does not answer: {}", why);
    }
    Duration silent = Duration.between(controllerSilentSince, now);
    if (silent.compareTo(settings.controllerGrace()) < 0) {
      return false;
    }
    for (SlurmJob j : followed) {
      // Not marked finished in the store: the job may still run, and can be re-attached.
      jobs.remove(j.id());
      j.complete(j.outcome(Optional.empty(), "controller unreachable", Optional.empty(), Optional.of("the Slurm"
          + " controller has not answered for " + Durations.format(silent) + " (" + why + "); the job may still run"
          + " on the cluster: attach(\"" + j.id() + "\") follows it again once the controller answers")));
    }
    return true;
  }

  /** scancel, for a job given up; returns whether it was accepted. */
  boolean scancel(SlurmJob j) {
    try {
      CommandResult r = commands.run(SlurmTool.SCANCEL, List.of(j.id()));
      if (!r.ok()) {
        LOG.debug("scancel {}: {}", j.id(), r.describe());
      }
      return r.ok();
    } catch (SlurmCommandException e) {
      LOG.debug("scancel {}: {}", j.id(), e.getMessage());
      return false;
    }
  }

  /** Removes a job from those followed (it ended otherwise). */
  void forget(SlurmJob j) {
    jobs.remove(j.id());
  }
}
