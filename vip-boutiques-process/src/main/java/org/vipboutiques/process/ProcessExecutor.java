package org.vipboutiques.process;

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
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.gpu.GpuPlan;
import org.vipboutiques.execution.job.DaemonThreads;
import org.vipboutiques.execution.job.JobFolder;
import org.vipboutiques.execution.job.JobSlots;
import org.vipboutiques.execution.job.PreparedJob;

/**
 * Runs jobs as processes of this machine (with apache commons-exec), in their own session so
 * that cancellation, timeouts and JVM shutdown stop the whole process tree; logs stream to the
 * job folder. What runs is the {@link ProcessLauncher}'s: the descriptor's shell on the command
 * script for the local executor, {@code apptainer exec ...} for the Apptainer one.
 */
public final class ProcessExecutor implements JobExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessExecutor.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final String name;
  private final ProcessLauncher launcher;
  private final ExecutorConfig config;
  private final JobSlots slots;
  private final ExecutorService dispatcher;
  private final ScheduledExecutorService timers;
  private final Set<ProcessJob> active = ConcurrentHashMap.newKeySet();
  private final Set<ProcessJob> dropped = ConcurrentHashMap.newKeySet();
  private final Thread shutdownHook;
  private volatile boolean closed;

  public ProcessExecutor(String name, ExecutorConfig config, ProcessLauncher launcher) {
    this.name = name;
    this.launcher = launcher;
    this.config = config;
    this.slots = new JobSlots(config);
    this.dispatcher = java.util.concurrent.Executors.newCachedThreadPool(DaemonThreads.named("vipb-" + name));
    this.timers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
        DaemonThreads.named("vipb-" + name + "-timer"));
    this.shutdownHook = new Thread(this::stopAll, "vipb-" + name + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Job submit(JobRequest request) throws JobRejectedException {
    if (closed) {
      throw new JobRejectedException("the " + name + " executor is closed");
    }
    // Before the folder is made: a GPU request this machine can never satisfy leaves nothing behind.
    GpuPlan gpus = GpuPlan.of(request.descriptor().gpu(), launcher.gpusUnknown());
    PreparedJob prepared = JobFolder.prepare(request, config);
    ProcessLauncher.Launch launch = launcher.launch(prepared);
    ProcessJob job = new ProcessJob(name + "-" + SEQUENCE.incrementAndGet(), prepared, launch, this);
    if (gpus.cpuFallback()) {
      LOG.info("{}: {}", request.name(), gpus.decision().reason());
      job.gpus("none: " + gpus.decision().reason());
    }
    active.add(job);
    int weight = slots.weight(request.descriptor());
    dispatcher.execute(() -> run(job, weight, gpus));
    return job;
  }

  private void run(ProcessJob job, int weight, GpuPlan gpus) {
    GpuPlan.Held held;
    try {
      if (gpus.needsDevices()) {
        job.waitingForGpus(gpus.decision().count());
      }
      Optional<GpuPlan.Held> got = gpus.acquire(job.prepared().folder().getFileName().toString(),
          () -> job.cancelRequested() || closed);
      if (got.isEmpty()) {
        dropped.remove(job);
        job.ended(Optional.empty(), Optional.empty());
        active.remove(job);
        return;
      }
      held = got.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      job.ended(Optional.empty(), Optional.of("interrupted before it started"));
      active.remove(job);
      return;
    } catch (RuntimeException e) {
      job.ended(Optional.empty(), Optional.of(String.valueOf(e.getMessage())));
      active.remove(job);
      return;
    }
    held.lease().ifPresent(lease -> job.gpus(lease.toString()));
    try {
      slots.acquire(weight);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      held.close();
      job.ended(Optional.empty(), Optional.of("interrupted before it started"));
      active.remove(job);
      return;
    }
    if (dropped.remove(job) || closed) {
      slots.release(weight);
      held.close();
      job.ended(Optional.empty(), Optional.empty());
      active.remove(job);
      return;
    }
    start(job, weight, held);
  }

  private void start(ProcessJob job, int weight, GpuPlan.Held held) {
    PreparedJob p = job.prepared();
    ProcessLauncher.Launch launch = job.launch();
    CommandLine command;
    if (ProcessTree.SETSID != null) {
      command = new CommandLine(ProcessTree.SETSID).addArgument(launch.command().get(0), false);
    } else {
      command = new CommandLine(launch.command().get(0));
    }
    for (String argument : launch.command().subList(1, launch.command().size())) {
      command.addArgument(argument, false);
    }
    Map<String, String> env;
    try {
      env = EnvironmentUtils.getProcEnvironment();
    } catch (IOException e) {
      env = new java.util.HashMap<>(System.getenv());
    }
    env.putAll(launch.environment());
    env.putAll(launcher.gpuEnvironment(held.cudaEnvironment()));
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
        held.close();
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
      held.close();
      job.ended(Optional.empty(), Optional.of("the command could not start: " + e.getMessage()));
      active.remove(job);
    }
  }

  void dropQueued(ProcessJob job) {
    dropped.add(job);
  }

  void stopAsync(ProcessJob job) {
    dispatcher.execute(job::stopProcess);
  }

  private void stopAll() {
    for (ProcessJob job : active) {
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
    LOG.debug("{} executor closed", name);
  }

  /** Learns the process when commons-exec starts it; never times out by itself. */
  private static final class HandleWatchdog extends ExecuteWatchdog {
    private final ProcessJob job;
    private final boolean ownGroup;
    private volatile boolean started;

    HandleWatchdog(ProcessJob job, boolean ownGroup) {
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
