package org.vipboutiques.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.vipboutiques.execution.job.OwnerOnly;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;
import org.vipboutiques.execution.job.PreparedJob;
import org.vipboutiques.execution.job.SmallFile;

/**
 * Runs jobs as processes of this machine (with apache commons-exec), in their own session so
 * that cancellation, timeouts and JVM shutdown stop the whole process tree; logs stream to the
 * job folder. What runs is the {@link ProcessLauncher}'s: the descriptor's shell on the command
 * script for the local executor, {@code apptainer exec ...} for the Apptainer one.
 */
public final class ProcessExecutor implements JobExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessExecutor.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();
  /** In the job folder: the started process's pid and start time, for a re-attach. */
  static final String PROCESS_RECORD = ".vipb-process.json";
  /** In the job folder: the tool's exit code, written by the wrapper when the tool ends. */
  static final String EXIT_CODE = ".vipb-exit-code";
  /** How often the running jobs' logs are read for the listeners. */
  static final Duration LOG_POLL = Duration.ofMillis(50);
  private static final String WRAPPER_SHELL = "/bin/sh";
  /**
   * Runs the launch ("$@") with its logs appended to the job folder's files and records its exit
   * code: both go on when no JVM follows the job any more (killed), for a re-attach. The tool may
   * have left a link at the exit code's name: the code goes to the file opened before the tool ran.
   */
  private static final String WRAPPER = "exec >>" + JobFolder.STDOUT + " 2>>" + JobFolder.STDERR + " 3>>" + EXIT_CODE
      + " </dev/null; \"$@\" 3>&-; c=$?; echo \"$c\" >&3; exit \"$c\"";

  private final String name;
  private final ProcessLauncher launcher;
  private final ExecutorConfig config;
  private final JobSlots slots;
  private final ExecutorService dispatcher;
  private final ScheduledExecutorService timers;
  private final Set<ProcessJob> active = ConcurrentHashMap.newKeySet();
  private final Set<ProcessJob> dropped = ConcurrentHashMap.newKeySet();
  /** Running jobs whose log files are read as they grow. */
  private final Set<ProcessJob> followed = ConcurrentHashMap.newKeySet();
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
    timers.scheduleWithFixedDelay(this::pollLogs, LOG_POLL.toMillis(), LOG_POLL.toMillis(), TimeUnit.MILLISECONDS);
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
    launcher.check(request);
    PreparedJob prepared = JobFolder.prepare(request, config);
    ProcessLauncher.Launch launch = launcher.launch(prepared);
    try {
      // The process appends to them itself: made (or emptied, in a reused folder) here, owner-only, before it runs.
      for (Path file : List.of(prepared.stdoutFile(), prepared.stderrFile(), prepared.folder().resolve(EXIT_CODE))) {
        OwnerOnly.newOutputStream(file).close();
      }
    } catch (IOException e) {
      throw new JobRejectedException("cannot create the logs in " + prepared.folder() + ": " + e.getMessage(), e);
    }
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
    GpuPlan.Taken taken = gpus.take(job.prepared().folder().getFileName().toString(), job::waitingForGpus,
        () -> job.cancelRequested() || closed);
    if (taken.held().isEmpty()) {
      dropped.remove(job);
      job.ended(Optional.empty(), taken.failure());
      active.remove(job);
      return;
    }
    GpuPlan.Held held = taken.held().get();
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
      command = new CommandLine(ProcessTree.SETSID).addArgument(WRAPPER_SHELL, false);
    } else {
      command = new CommandLine(WRAPPER_SHELL);
    }
    command.addArgument("-c", false).addArgument(WRAPPER, false).addArgument("vipb-job", false);
    for (String argument : launch.command()) {
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
    // The wrapper writes the logs itself: nothing flows through pipes that die with this JVM.
    exec.setStreamHandler(new PumpStreamHandler(OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
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
        followed.remove(job);
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

  /** Reads the logs of the running jobs; on the timer thread, every {@link #LOG_POLL}. */
  private void pollLogs() {
    for (ProcessJob job : followed) {
      job.pollLogs();
    }
  }

  /** Notes a started process in its job folder, for {@link #attach(String, Path)} after a restart. */
  void started(ProcessJob job, ProcessHandle process) {
    followed.add(job);
    Instant start = process.info().startInstant().orElse(Instant.EPOCH);
    try {
      OwnerOnly.write(job.workDirectory().resolve(PROCESS_RECORD), "{\"pid\": " + process.pid() + ", \"start\": \""
          + start + "\", \"submitted\": \"" + job.prepared().submittedAt() + "\"}\n");
    } catch (IOException e) {
      LOG.warn("cannot write {} in {}: {}; the job cannot be re-attached after a restart", PROCESS_RECORD,
          job.workDirectory(), e.getMessage());
    }
  }

  /**
   * Re-attaches to a job that an earlier process (a JVM since killed) started in {@code workDirectory}:
   * its process, if it still runs, is followed to its end (its logs read from the job folder);
   * else its exit code is the one its wrapper recorded. Empty when the job never started
   * (no record in its folder), or when its process record does not match a process that ran.
   * A re-attached job has no timeout and takes no slot.
   */
  @Override
  public Optional<Job> attach(String jobId, Path workDirectory) {
    Path folder = workDirectory.toAbsolutePath().normalize();
    Path record = folder.resolve(PROCESS_RECORD);
    if (closed || !Files.isRegularFile(record, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      JsonObject o = JsonParser.withDefaults().parseObject(record);
      long pid = o.number("pid").orElseThrow().bigIntegerValue().longValueExact();
      Instant start = Instant.parse(o.string("start").orElseThrow());
      Instant submitted = o.string("submitted").map(Instant::parse).orElse(start);
      PreparedJob prepared = JobFolder.reopen(folder, config, submitted);
      // The same pid and start time: the same process, not another that reused the pid.
      Optional<ProcessHandle> handle = ProcessHandle.of(pid)
          .filter(h -> h.info().startInstant().map(start::equals).orElse(false));
      ProcessHandle process = handle.orElse(null);
      ProcessJob job = new ProcessJob(Long.toString(pid), prepared, process, start, this);
      active.add(job);
      followed.add(job);
      Runnable end = () -> {
        followed.remove(job);
        active.remove(job);
        job.ended(readExitCode(folder), readExitCode(folder).isPresent() ? Optional.empty()
            : Optional.of("the process ended without recording its exit code (killed with its process group?)"));
      };
      if (process == null || !process.isAlive()) {
        dispatcher.execute(end);
      } else {
        process.onExit().thenRunAsync(end, dispatcher);
      }
      return Optional.of(job);
    } catch (Exception e) {
      LOG.warn("cannot re-attach the {} job in {}: {}", name, folder, e.getMessage());
      return Optional.empty();
    }
  }

  /** The code the wrapper wrote; a link, a pipe or a big file the tool left at that name is no code. */
  private static Optional<Integer> readExitCode(Path folder) {
    try {
      String text = SmallFile.read(folder.resolve(EXIT_CODE), 64).orElse("").trim();
      return text.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
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
