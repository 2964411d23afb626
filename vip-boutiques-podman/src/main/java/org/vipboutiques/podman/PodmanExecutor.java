package org.vipboutiques.podman;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.cache.ImageIdentity;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.FailureKind;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.container.ContainerSpec;
import org.vipboutiques.execution.gpu.GpuPlan;
import org.vipboutiques.execution.job.DaemonThreads;
import org.vipboutiques.execution.job.JobFolder;
import org.vipboutiques.execution.job.JobSlots;
import org.vipboutiques.execution.job.PreparedJob;

/**
 * Runs tools in their images with the {@code podman} command: one {@code podman run --rm} per job,
 * whose stdout and stderr are the container's (read whole from the pipes, so nothing depends on a
 * log driver), the job folder mounted at its own path as the working directory, File inputs
 * mounted read-only, the descriptor's shell as entrypoint, the calling user's uid:gid, CPU and
 * memory limits from {@code suggested-resources}, {@code container-opts} translated, GPUs as CDI
 * devices. Containers are named and labelled; a cancel or timeout kills the container itself (a
 * signal to {@code podman run} would not reach a shell running as its PID 1); containers are
 * removed after each job, at close, at JVM shutdown and, for a JVM killed outright, by the next
 * podman executor of the host. The container is the neutral {@link ContainerSpec}; this class
 * maps it to {@code podman run} arguments.
 */
public final class PodmanExecutor implements JobExecutor, ImageIdentity {

  private static final Logger LOG = LoggerFactory.getLogger(PodmanExecutor.class);
  private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
  private static final Duration SHORT = Duration.ofSeconds(30);

  private final ExecutorConfig config;
  private final PodmanCli cli;
  private final JobSlots slots;
  private final ExecutorService workers;
  private final ScheduledExecutorService timers;
  private final Set<PodmanJob> active = ConcurrentHashMap.newKeySet();
  private final Map<String, String> imageIds = new ConcurrentHashMap<>();
  private final ContainerPlan.Settings planSettings;
  private final Thread shutdownHook;
  private volatile boolean ready;
  private volatile boolean rootless;
  private volatile boolean used;
  private volatile boolean closed;

  PodmanExecutor(ExecutorConfig config, PodmanCli cli) throws ExecutorUnavailableException {
    this.config = config;
    this.cli = cli;
    this.slots = new JobSlots(config);
    String pull = config.setting("pull").orElse("if-missing").toLowerCase(Locale.ROOT);
    String podmanPull = switch (pull) {
      case "never" -> "never";
      case "if-missing" -> "missing";
      case "always" -> "always";
      default -> throw new ExecutorUnavailableException("podman: pull must be never, if-missing or always, not \""
          + pull + "\"");
    };
    ContainerSpec.Settings spec = ContainerSpec.Settings.of(config);
    boolean callersUser = config.setting("user").isEmpty()
        || spec.user().isPresent() && spec.user().equals(ContainerSpec.Settings.callingUser());
    List<Path> specDirs = config.setting("cdi-spec-dirs")
        .map(s -> Arrays.stream(s.split(File.pathSeparator)).filter(p -> !p.isBlank()).map(Path::of).toList())
        .orElse(CdiDevices.DEFAULT_SPEC_DIRS);
    this.planSettings = new ContainerPlan.Settings(spec, callersUser, podmanPull,
        config.setting("cdi-kind").orElse(CdiDevices.NVIDIA), specDirs);
    this.workers = java.util.concurrent.Executors.newCachedThreadPool(DaemonThreads.named("vipb-podman"));
    this.timers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
        DaemonThreads.named("vipb-podman-timer"));
    this.shutdownHook = new Thread(this::removeAll, "vipb-podman-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  @Override
  public String name() {
    return "podman";
  }

  PodmanCli cli() {
    return cli;
  }

  /** Whether the Podman that runs the containers is rootless (known from the first job on). */
  boolean rootless() {
    return rootless;
  }

  /** The Podman service this executor talks to, if any (else podman runs its containers itself). */
  public Optional<String> podmanHost() {
    return cli.url();
  }

  @Override
  public Job submit(JobRequest request) throws JobRejectedException {
    if (closed) {
      throw new JobRejectedException("the podman executor is closed");
    }
    if (!request.useContainer()) {
      throw new JobRejectedException("the podman executor runs containers; use the local executor for --no-container");
    }
    GpuPlan gpus = onThisMachine() ? GpuPlan.of(request.descriptor().gpu(), GpuPlan.Unknown.LEFT_TO_RUNTIME)
        : GpuPlan.none();
    PreparedJob prepared = JobFolder.prepare(request, config);
    String name = "vipb-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    ContainerPlan asked = ContainerPlan.of(ContainerSpec.of(prepared, planSettings.spec(), !gpus.cpuFallback()),
        planSettings, name, request.descriptor().gpu().isPresent());
    // No CDI specification and policy preferred: the plan asks for no GPU, so none is taken from the pool.
    GpuPlan taken = asked.gpus().isEmpty() ? GpuPlan.none() : gpus;
    PodmanJob job = new PodmanJob(prepared, asked, this);
    if (gpus.cpuFallback()) {
      LOG.info("{}: {}", request.name(), gpus.decision().reason());
      job.fact("gpus", "none: " + gpus.decision().reason());
    }
    active.add(job);
    int weight = slots.weight(request.descriptor());
    workers.execute(() -> run(job, weight, taken));
    return job;
  }

  /**
   * Whether Podman runs its containers on this machine, so that this machine's devices are theirs:
   * only then are they checked and shared out from the machine's pool. A podman without a service
   * runs them itself; a {@code unix://} service is on this machine; {@code ssh://} and {@code
   * tcp://} ones are elsewhere.
   */
  private boolean onThisMachine() {
    return cli.url().map(u -> u.startsWith("unix://") || u.startsWith("/")).orElse(true);
  }

  private void run(PodmanJob job, int weight, GpuPlan gpus) {
    GpuPlan.Taken taken = gpus.take(job.prepared.folder().getFileName().toString(), job::waitingForGpus,
        () -> job.cancelRequested() || closed);
    if (taken.held().isEmpty()) {
      active.remove(job);
      job.ended(Optional.empty(), taken.failure());
      return;
    }
    GpuPlan.Held held = taken.held().get();
    held.lease().ifPresent(lease -> {
      job.onDevices(job.plan.onDevices(CdiDevices.leased(lease.devices(), planSettings.cdiKind(),
          planSettings.cdiSpecDirs())));
      job.fact("gpus", lease.toString());
    });
    try {
      slots.acquire(weight);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      held.close();
      active.remove(job);
      job.ended(Optional.empty(), Optional.of("interrupted before it started"));
      return;
    }
    Optional<Integer> exitCode = Optional.empty();
    Optional<String> failure = Optional.empty();
    FailureKind kind = FailureKind.OTHER;
    ScheduledFuture<?> timer = null;
    Process process = null;
    try {
      if (job.cancelRequested() || closed) {
        return;
      }
      ensureReady();
      recordImage(job);
      used = true;
      Instant launched = Instant.now();
      process = cli.process(job.plan.runArguments(rootless)).directory(job.prepared.folder().toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      Future<?> out = workers.submit(pump(process.getInputStream(), job.stdout));
      Future<?> err = workers.submit(pump(process.getErrorStream(), job.stderr));
      job.started(process);
      timer = job.prepared.timeout().map(t -> timers.schedule(job::timedOut, t.toMillis(), TimeUnit.MILLISECONDS))
          .orElse(null);
      int code = process.waitFor();
      out.get();
      err.get();
      Optional<String> podmanError = code >= 125 && code <= 127 ? podmanError(job) : Optional.empty();
      if (podmanError.isPresent()) {
        failure = Optional.of(PodmanErrors.explain(podmanError.get(), job.plan.image(), cli));
        kind = PodmanFailures.kindOf(podmanError.get());
      } else {
        exitCode = Optional.of(code);
        if (code != 0 && !job.stopped() && !job.cancelRequested()) {
          Optional<String> event = ContainerKills.outsideStop(cli, job.plan.name(), launched, code);
          if (event.isPresent()) {
            kind = FailureKind.INFRASTRUCTURE;
            failure = Optional.of("its container was killed from outside the executor (a podman " + event.get()
                + " event, exit code " + code + "): podman kill");
          }
        }
      }
    } catch (IOException e) {
      failure = Optional.of("could not run podman (" + cli.binary() + "): " + e.getMessage());
    } catch (ExecutorUnavailableException e) {
      failure = Optional.of(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = Optional.of("interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      failure = Optional.of("reading the container's output failed: " + e.getCause());
    } finally {
      if (timer != null) {
        timer.cancel(false);
      }
      if (process != null && (job.stopped() || failure.isPresent() || process.isAlive())) {
        process.destroyForcibly();
        // --rm removes a container whose run ended; one stopped or failed is removed for sure
        ContainerReaper.remove(cli, List.of(job.plan.name()));
      }
      slots.release(weight);
      held.close();
      active.remove(job);
      job.ended(exitCode, failure, kind);
    }
  }

  /**
   * Podman's own error, when exit code 125, 126 or 127 is podman's and not the tool's: {@code
   * podman run} exits 125 when it could not make the container and 126 when the runtime could not
   * start it (a CDI device it cannot resolve, rlimits), its last line on stderr then being {@code
   * Error: ...}; 126 and 127 are also a shell's for a command it cannot run or find.
   */
  private static Optional<String> podmanError(PodmanJob job) {
    List<String> lines = job.stderr.tail().strip().lines().toList();
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    String last = lines.get(lines.size() - 1).strip();
    return last.startsWith("Error: ") ? Optional.of(last) : Optional.empty();
  }

  private static Runnable pump(InputStream in, OutputStream capture) {
    return () -> {
      byte[] buffer = new byte[64 * 1024];
      try (in) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          capture.write(buffer, 0, n);
        }
      } catch (IOException e) {
        LOG.warn("reading a container's output: {}", e.getMessage());
      }
    };
  }

  /**
   * On the first job: podman answers, whether it is rootless is known, and containers of dead JVMs
   * of this host are removed.
   */
  private void ensureReady() throws ExecutorUnavailableException, InterruptedException {
    if (ready) {
      return;
    }
    synchronized (this) {
      if (ready) {
        return;
      }
      try {
        PodmanCli.Output info = cli.run(List.of("info", "--format", "{{.Host.Security.Rootless}}"), SHORT);
        if (info.exitCode() != 0) {
          throw new IOException(info.lastErrorLine());
        }
        rootless = info.stdout().strip().equals("true");
        ContainerReaper.reapOrphans(cli);
      } catch (IOException e) {
        String why = e.getMessage();
        if (cli.url().isPresent()) {
          throw new ExecutorUnavailableException(PodmanErrors.explain(why, "", cli)
              + " (scripts/podman-up.sh starts one for tests)");
        }
        throw new ExecutorUnavailableException("podman (" + cli.binary() + ") does not work here: " + why);
      }
      ready = true;
    }
  }

  /** The image's id, for the provenance record; best effort, looked up once per image. */
  private void recordImage(PodmanJob job) {
    imageId(job.plan.image()).ifPresent(id -> job.fact("image-id", id));
  }

  private Optional<String> imageId(String image) {
    String known = imageIds.get(image);
    if (known != null) {
      return Optional.of(known);
    }
    try {
      PodmanCli.Output out = cli.run(List.of("image", "inspect", "--format", "{{.Id}}", image), SHORT);
      String id = out.stdout().strip();
      if (out.exitCode() == 0 && !id.isEmpty() && !id.contains("\n")) {
        imageIds.put(image, id);
        return Optional.of(id);
      }
    } catch (IOException e) {
      LOG.debug("no id for the image {}: {}", image, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  /**
   * The image a request's container would run (the {@code image} setting's, else the descriptor's)
   * and Podman's id for it, for the result cache's key: a rebuilt or re-pulled image misses. Just
   * the name when Podman does not have it yet.
   */
  @Override
  public Optional<String> imageIdentity(JobRequest request) {
    Optional<String> image = planSettings.spec().imageOverride()
        .or(() -> request.descriptor().containerImage().flatMap(c -> c.image()));
    return image.map(i -> imageId(i).map(id -> i + "@" + id).orElse(i));
  }

  /** Kills the job's container, retrying while {@code podman run} may not have made it yet. */
  void stop(PodmanJob job) {
    Runnable stopper = () -> {
      long deadline = System.nanoTime() + STOP_LIMIT.toNanos();
      Optional<Process> p = job.process();
      while (p.isPresent() && p.get().isAlive() && System.nanoTime() < deadline) {
        try {
          PodmanCli.Output kill = cli.run(List.of("kill", "--signal", "KILL", job.plan.name()), SHORT);
          if (kill.exitCode() == 0) {
            return;
          }
          p.get().waitFor(100, TimeUnit.MILLISECONDS);
        } catch (IOException e) {
          LOG.debug("kill {}: {}", job.plan.name(), e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      p.ifPresent(Process::destroyForcibly);
    };
    try {
      workers.execute(stopper);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      stopper.run(); // closing: no worker takes it
    }
  }

  private void removeAll() {
    for (PodmanJob job : active) {
      job.cancel();
    }
    if (used) {
      ContainerReaper.reapOwn(cli);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (PodmanJob job : active) {
      job.cancel();
    }
    workers.shutdown();
    try {
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("podman jobs still ending after 30 s; their containers are removed at JVM exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (used) {
      ContainerReaper.reapOwn(cli);
    }
    timers.shutdownNow();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // shutting down: the hook runs anyway
    }
  }
}
