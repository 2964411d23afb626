package org.vipboutiques.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.cache.ImageIdentity;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.FailureKind;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.Mount;
import org.vipboutiques.execution.container.ContainerLabels;
import org.vipboutiques.execution.container.ContainerSpec;
import org.vipboutiques.execution.gpu.GpuPlan;
import org.vipboutiques.execution.job.DaemonThreads;
import org.vipboutiques.execution.job.JobFolder;
import org.vipboutiques.execution.job.JobSlots;
import org.vipboutiques.execution.job.PreparedJob;

/**
 * Runs tools in their Docker containers through the engine's API (docker-java): the job folder
 * mounted at its own path as the working directory, File inputs mounted read-only, the
 * descriptor's shell as entrypoint, the calling user's uid:gid, CPU and memory limits from
 * {@code suggested-resources}, {@code container-opts} translated, NVIDIA GPUs as device requests.
 * Containers are labelled and removed: after each job, at close, at JVM shutdown; those of a JVM
 * killed outright are kept for a re-attach ({@link #attach(String, Path)}) and removed by the next
 * docker executor of the host once they have ended more than {@code reattach-keep} ago.
 *
 * <p>Settings: {@code docker-host}, {@code pull} ({@code never}, {@code if-missing} (default),
 * {@code always}), {@code user} (default the caller's uid:gid; {@code image} keeps the image's),
 * {@code limits} ({@code true}), {@code gpu-mode} ({@code device-request} or {@code legacy-runtime}),
 * {@code image} (run every descriptor in this image instead of its own, for offline tests),
 * {@code reattach-keep} (default 24h; 0 removes a killed JVM's containers at once, running or not),
 * {@code container-opts-allow} (what {@code container-opts} may do beyond the job folder; see
 * {@link org.vipboutiques.execution.container.OptionAllowance}).
 *
 * <p>The container is the neutral {@link ContainerSpec}; this class maps it to docker-java calls.
 */
public final class DockerExecutor implements JobExecutor, ImageIdentity {

  private static final Logger LOG = LoggerFactory.getLogger(DockerExecutor.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final Duration LOG_WAIT = Duration.ofSeconds(30);
  /** How long the container of a killed JVM's job is kept after it ended, for a re-attach. */
  static final Duration DEFAULT_REATTACH_KEEP = Duration.ofHours(24);

  private final ExecutorConfig config;
  private final DockerConnection connection;
  private final JobSlots slots;
  private final ExecutorService workers;
  private final ScheduledExecutorService timers;
  private final Set<DockerJob> active = ConcurrentHashMap.newKeySet();
  private final Map<String, Object> imageLocks = new ConcurrentHashMap<>();
  private final Set<String> imagesReady = ConcurrentHashMap.newKeySet();
  private final String pullPolicy;
  private final Duration reattachKeep;
  private final ContainerSpec.Settings specSettings;
  private final boolean legacyRuntime;
  private final Thread shutdownHook;
  private volatile boolean gpuUnavailable;
  private volatile long engineCpus;
  private volatile boolean reaped;
  private volatile boolean closed;

  DockerExecutor(ExecutorConfig config) throws ExecutorUnavailableException {
    this.config = config;
    this.connection = new DockerConnection(config);
    this.slots = new JobSlots(config);
    this.pullPolicy = config.setting("pull").orElse("if-missing").toLowerCase(Locale.ROOT);
    if (!List.of("never", "if-missing", "always").contains(pullPolicy)) {
      throw new ExecutorUnavailableException("docker: pull must be never, if-missing or always, not \"" + pullPolicy
          + "\"");
    }
    try {
      // Durations are positive; 0 (any unit) is the documented "keep nothing".
      this.reattachKeep = config.setting("reattach-keep").filter(k -> k.trim().matches("0+(\\.0+)?(ms|s|m|h|d)?"))
          .map(k -> Duration.ZERO).or(() -> config.durationSetting("reattach-keep")).orElse(DEFAULT_REATTACH_KEEP);
    } catch (RuntimeException e) {
      throw new ExecutorUnavailableException("docker: reattach-keep must be a duration (24h, 30m, 0 ...), not \""
          + config.setting("reattach-keep").orElse("") + "\"");
    }
    if (reattachKeep.isNegative()) {
      throw new ExecutorUnavailableException("docker: reattach-keep must not be negative");
    }
    String gpuMode = config.setting("gpu-mode").orElse("device-request");
    if (!List.of("device-request", "legacy-runtime").contains(gpuMode)) {
      throw new ExecutorUnavailableException("docker: gpu-mode must be device-request or legacy-runtime, not \""
          + gpuMode + "\"");
    }
    this.specSettings = ContainerSpec.Settings.of(config);
    this.legacyRuntime = gpuMode.equals("legacy-runtime");
    this.workers = java.util.concurrent.Executors.newCachedThreadPool(DaemonThreads.named("vipb-docker"));
    this.timers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
        DaemonThreads.named("vipb-docker-timer"));
    this.shutdownHook = new Thread(this::removeAll, "vipb-docker-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  @Override
  public String name() {
    return "docker";
  }

  /** The engine this executor talks to. */
  public String dockerHost() {
    return connection.host();
  }

  @Override
  public Job submit(JobRequest request) throws JobRejectedException {
    if (closed) {
      throw new JobRejectedException("the docker executor is closed");
    }
    if (!request.useContainer()) {
      throw new JobRejectedException("the docker executor runs containers; use the local executor for --no-container");
    }
    GpuPlan gpus = localEngine() ? GpuPlan.of(request.descriptor().gpu(), GpuPlan.Unknown.LEFT_TO_RUNTIME)
        : GpuPlan.none();
    PreparedJob prepared = JobFolder.prepare(request, config);
    ContainerPlan plan = ContainerPlan.of(ContainerSpec.of(prepared, specSettings, !gpus.cpuFallback()), legacyRuntime,
        !gpuUnavailable);
    DockerJob job = new DockerJob("docker-" + SEQUENCE.incrementAndGet(), prepared, this);
    if (gpus.cpuFallback()) {
      LOG.info("{}: {}", request.name(), gpus.decision().reason());
      job.fact("gpus", "none: " + gpus.decision().reason());
    }
    active.add(job);
    int weight = slots.weight(request.descriptor());
    workers.execute(() -> run(job, plan, weight, gpus));
    return job;
  }

  /**
   * Whether the engine is on this machine, so that this machine's devices are the containers':
   * only then are they checked and shared out from the machine's pool.
   */
  private boolean localEngine() {
    String host = connection.host();
    return host.startsWith("unix://") || host.startsWith("npipe://") || host.startsWith("/");
  }

  private void run(DockerJob job, ContainerPlan asked, int weight, GpuPlan gpus) {
    GpuPlan.Taken taken = gpus.take(job.prepared.folder().getFileName().toString(), job::waitingForGpus,
        () -> job.cancelRequested() || closed);
    if (taken.held().isEmpty()) {
      active.remove(job);
      job.ended(Optional.empty(), taken.failure());
      return;
    }
    GpuPlan.Held held = taken.held().get();
    ContainerPlan plan = held.lease().map(lease -> asked.onDevices(lease.uuids())).orElse(asked);
    held.lease().ifPresent(lease -> job.fact("gpus", lease.toString()));
    try {
      slots.acquire(weight);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      held.close();
      job.ended(Optional.empty(), Optional.of("interrupted before it started"));
      active.remove(job);
      return;
    }
    String containerId = null;
    ScheduledFuture<?> timer = null;
    // The outcome is decided first and reported last: the container is gone before anyone
    // who waits on the result learns the job ended.
    Optional<Integer> exitCode = Optional.empty();
    Optional<String> failure = Optional.empty();
    FailureKind kind = FailureKind.OTHER;
    Instant created = Instant.now();
    try {
      if (job.cancelRequested() || closed) {
        return;
      }
      DockerClient client = connection.client();
      if (!reaped) {
        reaped = true;
        ContainerReaper.reapOrphans(client, reattachKeep);
      }
      ensureImage(client, plan.image());
      containerId = create(client, plan);
      job.created(containerId, plan.dockerRun());
      try {
        client.startContainerCmd(containerId).exec();
      } catch (DockerException e) {
        String why = DockerErrors.explain(e.getMessage(), plan.image());
        if (!why.equals(DockerErrors.NO_NVIDIA_RUNTIME) || plan.spec().gpu().isEmpty()) {
          throw new JobFailure(why);
        }
        gpuUnavailable = true;
        if (!job.prepared.request().descriptor().gpu().map(g -> g.cpuFallback()).orElse(false)) {
          throw new JobFailure(why);
        }
        LOG.info("no NVIDIA runtime on this Docker engine: running {} on the CPU, as its GPU need allows",
            job.prepared.request().name());
        ContainerReaper.remove(client, containerId);
        ContainerPlan cpu = new ContainerPlan(plan.spec().withoutGpu(), plan.legacyRuntime());
        containerId = create(client, cpu);
        job.created(containerId, cpu.dockerRun());
        client.startContainerCmd(containerId).exec();
      }
      job.running();
      recordImage(client, job, containerId);
      ContainerLogs logs = new ContainerLogs(client, containerId, job.stdout, job.stderr).follow();
      timer = job.prepared.timeout().map(t -> timers.schedule(job::timedOut, t.toMillis(), TimeUnit.MILLISECONDS))
          .orElse(null);
      exitCode = Optional.of(client.waitContainerCmd(containerId).exec(new WaitContainerResultCallback())
          .awaitStatusCode());
      logs.complete(LOG_WAIT);
      if (exitCode.get() != 0 && !job.cancelRequested() && !job.wasTimedOut()) {
        Optional<String> signal = ContainerKills.killSignal(client, containerId, created);
        if (signal.isPresent()) {
          kind = FailureKind.INFRASTRUCTURE;
          failure = Optional.of("its container was killed from outside the executor (signal " + signal.get()
              + ", exit code " + exitCode.get() + "): docker kill, docker rm -f, or the engine stopping");
        }
      }
    } catch (JobFailure e) {
      failure = Optional.of(e.getMessage());
    } catch (ExecutorUnavailableException e) {
      failure = Optional.of(e.getMessage());
    } catch (DockerException e) {
      failure = Optional.of(DockerErrors.explain(e.getMessage(), plan.image()));
      // The engine failed under the job (its container removed, the daemon gone); a request it
      // refuses as malformed would fail again.
      kind = e instanceof BadRequestException ? FailureKind.OTHER : FailureKind.INFRASTRUCTURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = Optional.of("interrupted");
    } catch (RuntimeException e) {
      failure = Optional.of("the Docker engine failed: " + DockerErrors.explain(String.valueOf(e.getMessage()),
          plan.image()));
      kind = FailureKind.INFRASTRUCTURE;
    } finally {
      if (timer != null) {
        timer.cancel(false);
      }
      if (containerId != null) {
        final String id = containerId;
        connection.madeClient().ifPresent(c -> ContainerReaper.remove(c, id));
      }
      slots.release(weight);
      held.close();
      active.remove(job);
      job.ended(exitCode, failure, kind);
    }
  }

  private String create(DockerClient client, ContainerPlan plan) {
    ContainerSpec spec = plan.spec();
    List<Bind> binds = new ArrayList<>();
    for (Mount m : spec.mounts()) {
      binds.add(new Bind(m.host().toString(), new Volume(m.container()), m.readOnly() ? AccessMode.ro : AccessMode.rw));
    }
    HostConfig host = HostConfig.newHostConfig().withBinds(binds);
    // The engine refuses more CPUs than it has ("Range of CPUs is from 0.01 to 2.00"): a tool that
    // suggests 4 cores runs on a 2-core engine with all of them.
    spec.cpuCores().ifPresent(n -> host.withNanoCPUs(Math.min(n, engineCpus(client)) * 1_000_000_000L));
    spec.memoryBytes().ifPresent(host::withMemory);
    spec.options().shmSizeBytes().ifPresent(host::withShmSize);
    spec.options().ipc().ifPresent(host::withIpcMode);
    spec.options().network().ifPresent(host::withNetworkMode);
    spec.options().pid().ifPresent(host::withPidMode);
    if (spec.options().privileged()) {
      host.withPrivileged(true);
    }
    if (!spec.options().devices().isEmpty()) {
      host.withDevices(spec.options().devices().stream().map(Device::parse).toList());
    }
    Map<String, String> env = new LinkedHashMap<>(spec.environment());
    spec.gpu().ifPresent(g -> {
      env.putAll(GpuRequests.environment(g));
      if (plan.legacyRuntime()) {
        host.withRuntime("nvidia");
      } else {
        host.withDeviceRequests(List.of(GpuRequests.deviceRequest(g)));
      }
    });
    List<String> envList = new ArrayList<>();
    env.forEach((k, v) -> envList.add(k + "=" + v));
    CreateContainerCmd cmd = client.createContainerCmd(spec.image())
        .withEntrypoint(spec.entrypoint())
        .withCmd(spec.command())
        .withWorkingDir(spec.workingDirectory())
        .withEnv(envList)
        .withLabels(spec.labels())
        .withHostConfig(host);
    spec.user().ifPresent(cmd::withUser);
    return cmd.exec().getId();
  }

  private long engineCpus(DockerClient client) {
    long known = engineCpus;
    if (known <= 0) {
      try {
        Integer n = client.infoCmd().exec().getNCPU();
        known = n != null && n > 0 ? n : Long.MAX_VALUE / 1_000_000_000L;
      } catch (RuntimeException e) {
        known = Long.MAX_VALUE / 1_000_000_000L;
      }
      engineCpus = known;
    }
    return known;
  }

  /** The image the container runs, by id and repository digest, for the provenance record; best effort. */
  private static void recordImage(DockerClient client, DockerJob job, String containerId) {
    try {
      String imageId = client.inspectContainerCmd(containerId).exec().getImageId();
      if (imageId != null) {
        job.fact("image-id", imageId);
        List<String> digests = client.inspectImageCmd(imageId).exec().getRepoDigests();
        if (digests != null && !digests.isEmpty()) {
          job.fact("image-digest", String.join(" ", digests));
        }
      }
    } catch (RuntimeException e) {
      LOG.debug("no image id for the provenance record of {}: {}", containerId, e.toString());
    }
  }

  /**
   * The image a request's container would run (the {@code image} setting's, else the descriptor's)
   * and the engine's id for it, for the result cache's key: a rebuilt or re-pulled image misses.
   * Just the name when the engine does not have it yet.
   */
  @Override
  public Optional<String> imageIdentity(JobRequest request) {
    Optional<String> image = specSettings.imageOverride()
        .or(() -> request.descriptor().containerImage().flatMap(c -> c.image()));
    if (image.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(image.get() + "@" + connection.client().inspectImageCmd(image.get()).exec().getId());
    } catch (ExecutorUnavailableException | RuntimeException e) {
      LOG.debug("no id for the image {}: {}", image.get(), e.toString());
      return image;
    }
  }

  private void ensureImage(DockerClient client, String image) throws InterruptedException {
    if (imagesReady.contains(image) && !pullPolicy.equals("always")) {
      return;
    }
    synchronized (imageLocks.computeIfAbsent(image, i -> new Object())) {
      if (imagesReady.contains(image) && !pullPolicy.equals("always")) {
        return;
      }
      boolean present;
      try {
        client.inspectImageCmd(image).exec();
        present = true;
      } catch (NotFoundException e) {
        present = false;
      }
      if (pullPolicy.equals("always") || !present && pullPolicy.equals("if-missing")) {
        try {
          client.pullImageCmd(image).start().awaitCompletion();
        } catch (DockerException e) {
          if (!present) {
            throw new JobFailure("the image " + image + " is not on this Docker engine and could not be pulled ("
                + DockerErrors.explain(e.getMessage(), image) + ")");
          }
          LOG.warn("could not pull {}; using the local copy", image);
        }
      } else if (!present) {
        throw new JobFailure("the image " + image + " is not on this Docker engine and the pull policy is never;"
            + " pull or build it first");
      }
      imagesReady.add(image);
    }
  }

  /**
   * Re-attaches to a job whose container an earlier JVM (since killed) made for the job folder
   * {@code workDirectory}: the container is found by its folder label, followed to its end, its
   * logs written again whole from the engine's log, its outputs collected, and it is removed.
   * When no container of the folder is left (reaped, removed, never made) the job ends FAILED
   * saying so. Empty when the folder holds no prepared job, or when a live JVM of this host
   * follows the container. A re-attached job has no timeout and takes no slot.
   */
  @Override
  public Optional<Job> attach(String jobId, Path workDirectory) {
    Path folder = workDirectory.toAbsolutePath().normalize();
    if (closed) {
      return Optional.empty();
    }
    try {
      PreparedJob prepared = JobFolder.reopen(folder, config, Instant.now());
      DockerClient client = connection.client();
      List<com.github.dockerjava.api.model.Container> found = client.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(ContainerLabels.LABEL, "true", ContainerLabels.FOLDER, folder.toString())).exec();
      Optional<com.github.dockerjava.api.model.Container> container = found.stream()
          .max(java.util.Comparator.comparingLong(c -> c.getCreated() == null ? 0 : c.getCreated()));
      if (container.isPresent()) {
        String id = container.get().getId();
        Optional<DockerJob> mine = active.stream().filter(j -> j.containerId().filter(id::equals).isPresent())
            .findFirst();
        if (mine.isPresent()) {
          return Optional.of(mine.get()); // this executor follows it already
        }
      }
      if (container.isPresent() && ContainerLabels.followedElsewhere(container.get().getLabels() == null ? Map.of()
          : container.get().getLabels())) {
        LOG.warn("the container of the job in {} is followed by a live process; not re-attached", folder);
        return Optional.empty();
      }
      DockerJob job = new DockerJob(jobId, prepared, this, container.isPresent());
      active.add(job);
      if (container.isEmpty()) {
        workers.execute(() -> {
          active.remove(job);
          job.ended(Optional.empty(), Optional.of("no container of the job in " + folder + " is left on the Docker"
              + " engine at " + connection.host() + " (removed, or never made); run the job again"));
        });
      } else {
        workers.execute(() -> follow(job, client, container.get().getId()));
      }
      return Optional.of(job);
    } catch (JobRejectedException | ExecutorUnavailableException | RuntimeException e) {
      LOG.warn("cannot re-attach the docker job in {}: {}", folder, e.getMessage());
      return Optional.empty();
    }
  }

  /** Follows a re-attached job's container to its end, then removes it. */
  private void follow(DockerJob job, DockerClient client, String containerId) {
    Optional<Integer> exitCode = Optional.empty();
    Optional<String> failure = Optional.empty();
    try {
      var inspected = client.inspectContainerCmd(containerId).exec();
      String started = inspected.getState() == null ? null : inspected.getState().getStartedAt();
      job.attached(containerId, "docker start -a " + containerId, started == null || started.startsWith("0001-")
          ? Optional.empty() : Optional.of(Instant.parse(started)));
      if ("created".equals(inspected.getState().getStatus())) {
        throw new JobFailure("the container of the job never started (its JVM died first); run the job again");
      }
      // The log from its start, the files written again whole: what the dead JVM wrote may lack an end.
      ContainerLogs logs = new ContainerLogs(client, containerId, job.stdout, job.stderr).follow();
      exitCode = Optional.of(client.waitContainerCmd(containerId).exec(new WaitContainerResultCallback())
          .awaitStatusCode());
      logs.complete(LOG_WAIT);
    } catch (JobFailure e) {
      failure = Optional.of(e.getMessage());
    } catch (NotFoundException e) {
      failure = Optional.of("the container of the job was removed while it was re-attached; run the job again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = Optional.of("interrupted");
    } catch (RuntimeException e) {
      failure = Optional.of("the Docker engine failed: " + DockerErrors.explain(String.valueOf(e.getMessage()),
          job.prepared.request().name()));
    } finally {
      ContainerReaper.remove(client, containerId);
      active.remove(job);
      job.ended(exitCode, failure);
    }
  }

  void stop(DockerJob job) {
    workers.execute(() -> job.containerId().ifPresent(id -> {
      try {
        connection.client().killContainerCmd(id).exec();
      } catch (ExecutorUnavailableException | RuntimeException e) {
        LOG.debug("kill {}: {}", id, e.getMessage());
      }
    }));
  }

  private void removeAll() {
    for (DockerJob job : active) {
      job.cancel();
    }
    connection.madeClient().ifPresent(client -> {
      for (DockerJob job : active) {
        if (job.reattached()) {
          job.containerId().ifPresent(id -> ContainerReaper.remove(client, id)); // labelled with the dead JVM's pid
        }
      }
      try {
        ContainerReaper.reapOwn(client);
      } catch (RuntimeException e) {
        LOG.debug("reaping own containers: {}", e.getMessage());
      }
    });
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (DockerJob job : active) {
      job.cancel();
    }
    workers.shutdown();
    try {
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("docker jobs still ending after 30 s; their containers are removed at JVM exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    removeAll();
    timers.shutdownNow();
    connection.close();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // shutting down: the hook runs anyway
    }
  }

  /** A job that cannot go on, with the sentence that says why. */
  private static final class JobFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JobFailure(String message) {
      super(message, null, false, false);
    }
  }
}
