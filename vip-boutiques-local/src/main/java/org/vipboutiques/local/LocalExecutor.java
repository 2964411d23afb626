package org.vipboutiques.local;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.environment.EnvironmentUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.execution.Executor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.job.JobFolder;
import org.vipboutiques.execution.job.JobSlots;
import org.vipboutiques.execution.job.PreparedJob;

/**
 * Runs tools as processes of this machine (with apache commons-exec): the descriptor's shell runs
 * the command script in the job folder, with the descriptor's environment variables, a timeout,
 * and cancellation that stops the whole process tree. A descriptor's container is not used
 * here; the {@code docker} executor runs containers.
 */
public final class LocalExecutor implements Executor {

  private static final Logger LOG = LoggerFactory.getLogger(LocalExecutor.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final ExecutorConfig config;
  private final JobSlots slots;
  private final ExecutorService dispatcher;
  private final ScheduledExecutorService timers;
  private final Set<LocalJob> active = ConcurrentHashMap.newKeySet();
  private final Set<LocalJob> dropped = ConcurrentHashMap.newKeySet();
  private final Thread shutdownHook;
  private volatile boolean closed;

  LocalExecutor(ExecutorConfig config) {
    this.config = config;
    this.slots = new JobSlots(config);
    this.dispatcher = java.util.concurrent.Executors.newCachedThreadPool(daemon("vipb-local"));
    this.timers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(daemon("vipb-local-timer"));
    this.shutdownHook = new Thread(this::stopAll, "vipb-local-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Job submit(JobRequest request) throws JobRejectedException {
    if (closed) {
      throw new JobRejectedException("the local executor is closed");
    }
    PreparedJob prepared = JobFolder.prepare(request, config);
    LocalJob job = new LocalJob("local-" + SEQUENCE.incrementAndGet(), prepared, this);
    active.add(job);
    int weight = slots.weight(request.descriptor());
    dispatcher.execute(() -> run(job, weight));
    return job;
  }

  private void run(LocalJob job, int weight) {
    try {
      slots.acquire(weight);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      job.ended(Optional.empty(), Optional.of("interrupted before it started"));
      active.remove(job);
      return;
    }
    if (dropped.remove(job) || closed) {
      slots.release(weight);
      job.ended(Optional.empty(), Optional.empty());
      active.remove(job);
      return;
    }
    start(job, weight);
  }

  private void start(LocalJob job, int weight) {
    PreparedJob p = job.prepared();
    CommandLine command;
    if (ProcessTree.SETSID != null) {
      command = new CommandLine(ProcessTree.SETSID).addArgument(p.shell(), false);
    } else {
      command = new CommandLine(p.shell());
    }
    command.addArgument(p.script().toString(), false);
    Map<String, String> env;
    try {
      env = EnvironmentUtils.getProcEnvironment();
    } catch (IOException e) {
      env = new java.util.HashMap<>(System.getenv());
    }
    env.putAll(p.environment());
    HandleWatchdog watchdog = new HandleWatchdog(job, ProcessTree.SETSID != null);
    DefaultExecutor exec = DefaultExecutor.builder().setWorkingDirectory(p.folder().toFile()).get();
    exec.setStreamHandler(new PumpStreamHandler(job.stdout, job.stderr));
    exec.setWatchdog(watchdog);
    exec.setExitValues(null);
    ScheduledFuture<?>[] timer = new ScheduledFuture<?>[1];
    ExecuteResultHandler handler = new ExecuteResultHandler() {
      @Override
      public void onProcessComplete(int exitValue) {
        done(Optional.of(exitValue), Optional.empty());
      }

      @Override
      public void onProcessFailed(ExecuteException e) {
        if (watchdog.started()) {
          done(Optional.of(e.getExitValue()), Optional.empty());
        } else {
          done(Optional.empty(), Optional.of("the command could not start: " + e.getMessage()));
        }
      }

      private void done(Optional<Integer> code, Optional<String> failure) {
        if (timer[0] != null) {
          timer[0].cancel(false);
        }
        slots.release(weight);
        job.ended(code, failure);
        active.remove(job);
      }
    };
    try {
      p.timeout().ifPresent(t -> timer[0] = timers.schedule(() -> dispatcher.execute(job::timedOut),
          t.toMillis(), TimeUnit.MILLISECONDS));
      exec.execute(command, env, handler);
    } catch (IOException e) {
      if (timer[0] != null) {
        timer[0].cancel(false);
      }
      slots.release(weight);
      job.ended(Optional.empty(), Optional.of("the command could not start: " + e.getMessage()));
      active.remove(job);
    }
  }

  void dropQueued(LocalJob job) {
    dropped.add(job);
  }

  void stopAsync(LocalJob job) {
    dispatcher.execute(job::stopProcess);
  }

  private void stopAll() {
    for (LocalJob job : active) {
      job.cancel();
      job.stopProcess();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopAll();
    dispatcher.shutdown();
    timers.shutdownNow();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook runs anyway
    }
    LOG.debug("local executor closed");
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Learns the process when commons-exec starts it; never times out by itself. */
  private static final class HandleWatchdog extends ExecuteWatchdog {
    private final LocalJob job;
    private final boolean ownGroup;
    private volatile boolean started;

    HandleWatchdog(LocalJob job, boolean ownGroup) {
      super(ExecuteWatchdog.INFINITE_TIMEOUT);
      this.job = job;
      this.ownGroup = ownGroup;
    }

    @Override
    public synchronized void start(Process process) {
      super.start(process);
      started = true;
      job.started(process.toHandle(), ownGroup);
    }

    boolean started() {
      return started;
    }
  }
}
