package org.vipboutiques.slurm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.Mount;
import org.vipboutiques.execution.container.OptionAllowance;
import org.vipboutiques.execution.job.JobFolder;
import org.vipboutiques.execution.job.JobStore;
import org.vipboutiques.execution.job.OwnerOnly;
import org.vipboutiques.execution.job.PreparedJob;
import org.vipboutiques.execution.job.StoredJob;
import org.vipboutiques.slurm.command.CommandResult;
import org.vipboutiques.slurm.command.SlurmCommandException;
import org.vipboutiques.slurm.command.SlurmCommands;
import org.vipboutiques.slurm.command.SlurmTool;
import org.vipboutiques.slurm.script.BatchScript;
import org.vipboutiques.slurm.script.JobOptions;
import org.vipboutiques.slurm.state.ClusterConfig;

/**
 * Runs tools as Slurm batch jobs. Each job folder (on a file system the nodes share) gets the
 * tool's command script and a batch script ({@value BatchScript#FILE}) that {@code sbatch
 * --parsable} submits; many jobs of one descriptor submitted together ({@link #submitAll}) are
 * one job array ({@link ExecutorConfig#maxConcurrentJobs()}, when set, limits how many of its
 * tasks run at once). One monitor thread follows every job with one {@code squeue} call per poll.
 * Submitted ids are kept in a {@link JobStore}, so that {@link #attach(String)} finds a job again
 * after a restart. Several executors, in this process or others, may share one store: each finds
 * the jobs the others submitted (an id it does not know is looked for again in the file) and
 * none overwrites what another recorded.
 *
 * <p>{@link #close()} stops following the jobs but leaves them running on the cluster (unless
 * the setting {@code cancel-on-close} is true): their handles end FAILED with a message saying
 * so, the store still lists them as unfinished, and {@link #attach(String)} or
 * {@link #attachUnfinished()} on a new executor follows them again.
 */
public final class SlurmExecutor implements JobExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(SlurmExecutor.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  private final ExecutorConfig config;
  private final SlurmSettings settings;
  private final SlurmCommands commands;
  private final ClusterConfig cluster;
  private final Set<OptionAllowance> allowed;
  private final JobStore store;
  private final Monitor monitor;
  private volatile boolean closed;

  SlurmExecutor(ExecutorConfig config, SlurmSettings settings, SlurmCommands commands, ClusterConfig cluster,
      JobStore store, boolean accounting, Set<OptionAllowance> allowed) {
    this.config = config;
    this.allowed = Set.copyOf(allowed);
    this.settings = settings;
    this.commands = commands;
    this.cluster = cluster;
    this.store = store;
    this.monitor = new Monitor(commands, settings, store, accounting);
  }

  @Override
  public String name() {
    return "slurm";
  }

  /** The cluster's configuration as read when the executor was made. */
  public ClusterConfig cluster() {
    return cluster;
  }

  /** Whether job states are also asked of {@code sacct} (the cluster keeps accounting). */
  public boolean accounting() {
    return monitor.accounting();
  }

  /** The job store file. */
  public Path storeFile() {
    return store.file();
  }

  @Override
  public Job submit(JobRequest request) throws JobRejectedException {
    return submitAll(List.of(request)).get(0);
  }

  /**
   * Submits many jobs: those of one descriptor, with the same options, mounts, container choice,
   * timeout and name, go as one job array ({@code --array=0-N-1}; more than the cluster's
   * {@code MaxArraySize} are split). All or nothing: when sbatch refuses a part, the parts already
   * submitted are cancelled and the call fails.
   */
  @Override
  public List<Job> submitAll(List<JobRequest> requests) throws JobRejectedException {
    if (closed) {
      throw new JobRejectedException("the slurm executor is closed");
    }
    for (JobRequest r : requests) {
      // Before any folder is made: container-opts the policy refuses leave nothing behind.
      BatchScript.containerOptions(r, options(r), allowed);
    }
    Map<GroupKey, List<Integer>> groups = new LinkedHashMap<>();
    List<PreparedJob> prepared = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      JobRequest r = requests.get(i);
      PreparedJob p = JobFolder.prepare(r, config);
      prepared.add(p);
      groups.computeIfAbsent(new GroupKey(r.descriptor(), r.options(), r.useContainer(), r.mounts(), p.timeout(),
          r.name()), k -> new ArrayList<>()).add(i);
    }
    SlurmJob[] out = new SlurmJob[requests.size()];
    List<SlurmJob> submitted = new ArrayList<>();
    try {
      for (Map.Entry<GroupKey, List<Integer>> g : groups.entrySet()) {
        JobRequest first = requests.get(g.getValue().get(0));
        JobOptions options = options(first);
        List<Integer> indices = g.getValue();
        int chunk = Math.max(1, cluster.maxArraySize());
        for (int from = 0; from < indices.size(); from += chunk) {
          List<Integer> part = indices.subList(from, Math.min(indices.size(), from + chunk));
          List<PreparedJob> jobs = part.stream().map(prepared::get).toList();
          List<SlurmJob> made = submitGroup(jobs, first.name(), options);
          for (int k = 0; k < part.size(); k++) {
            out[part.get(k)] = made.get(k);
          }
          submitted.addAll(made);
        }
      }
    } catch (JobRejectedException | RuntimeException e) {
      for (SlurmJob j : submitted) {
        monitor.scancel(j);
        monitor.forget(j);
        store.markFinished(j.id(), JobState.CANCELLED);
      }
      if (!submitted.isEmpty() && e instanceof JobRejectedException r) {
        throw new JobRejectedException(r.getMessage() + " (the " + submitted.size()
            + " jobs of this call already submitted were cancelled)", r);
      }
      throw e;
    }
    submitted.forEach(monitor::follow);
    return List.copyOf(Arrays.<Job>asList(out));
  }

  private JobOptions options(JobRequest request) throws JobRejectedException {
    Map<String, String> settings = new LinkedHashMap<>(config.settings());
    if (config.maxConcurrentJobs() > 0) {
      // "At most N jobs at once" is, for an array, Slurm's own throttle (--array=0-99%N).
      settings.putIfAbsent("array-limit", Integer.toString(config.maxConcurrentJobs()));
    }
    try {
      return JobOptions.from(settings, request.options());
    } catch (IllegalArgumentException e) {
      throw new JobRejectedException(e.getMessage(), e);
    }
  }

  /** Jobs of one kind: one descriptor, options, mounts, container choice, timeout and name. */
  private record GroupKey(Descriptor descriptor, Map<String, String> options, boolean useContainer,
      List<Mount> mounts, Optional<Duration> timeout, String name) {}

  /** One sbatch call for one job or one array. */
  private List<SlurmJob> submitGroup(List<PreparedJob> jobs, String name, JobOptions options)
      throws JobRejectedException {
    boolean array = jobs.size() > 1;
    Path folder = array ? arrayFolder(name) : jobs.get(0).folder();
    for (PreparedJob p : jobs) {
      write(p.folder().resolve(BatchScript.ENVIRONMENT_FILE), BatchScript.environmentFile(p.environment()));
    }
    for (int i = 0; i < jobs.size(); i++) {
      // Made here, owner-only: Slurm would make them with the submitter's umask, and keeps the mode of a file there.
      Optional<Integer> task = array ? Optional.of(i) : Optional.empty();
      write(BatchScript.slurmOutFile(folder, task), "");
      write(BatchScript.slurmErrFile(folder, task), "");
    }
    Optional<GpuRequirement> gpu = jobs.get(0).request().descriptor().gpu();
    Path script = folder.resolve(BatchScript.FILE);
    write(script, BatchScript.of(jobs, name, options, gpu.isPresent(), allowed));
    CommandResult r = sbatch(script, folder);
    if (!r.ok() && gpu.isPresent() && gpu.get().cpuFallback()) {
      // The tool can do without: ask again without GPUs (a cluster or partition that has none).
      LOG.info("sbatch refused GPUs for {} ({}); the tool prefers but does not need them: submitted without",
          name, r.firstErrorLine());
      write(script, BatchScript.of(jobs, name, options, false, allowed));
      r = sbatch(script, folder);
    }
    if (!r.ok()) {
      throw new JobRejectedException("sbatch refused the job" + (array ? " array" : "") + ": " + r.firstErrorLine()
          + " (batch script: " + script + "; check the partition, account, qos and resources it asks for)");
    }
    String id = r.stdout().strip().split("[;\\s]", 2)[0];
    if (!id.matches("\\d+")) {
      throw new JobRejectedException("sbatch answered \"" + r.stdout().strip() + "\", not a job id (batch script: "
          + script + ")");
    }
    List<SlurmJob> made = new ArrayList<>();
    List<StoredJob> records = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      PreparedJob p = jobs.get(i);
      String jobId = array ? id + "_" + i : id;
      Path err = BatchScript.slurmErrFile(folder, array ? Optional.of(i) : Optional.empty());
      SlurmJob job = new SlurmJob(jobId, id, p, err, options.requeue(), this);
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("query-id", id);
      attributes.put("slurm-err", err.toString());
      attributes.put("requeue", Boolean.toString(options.requeue()));
      records.add(new StoredJob(jobId, p.folder(), p.submittedAt(), attributes, Optional.empty()));
      made.add(job);
    }
    try {
      store.recordAll(records); // one write for a whole array
    } catch (RuntimeException e) {
      // Not in the store, the job could never be re-attached: it is not left running unknown.
      try {
        commands.run(SlurmTool.SCANCEL, List.of(id)); // the whole array at once
      } catch (SlurmCommandException c) {
        LOG.warn("cannot cancel Slurm job {}, which is not in the job store: {}", id, c.getMessage());
      }
      throw new JobRejectedException("Slurm job " + id + " was submitted but cannot be recorded in the job store, so"
          + " it was cancelled: " + e.getMessage(), e);
    }
    return made;
  }

  private CommandResult sbatch(Path script, Path folder) throws JobRejectedException {
    try {
      // Run in the folder: the job's working folder, and where its relative --output goes.
      return commands.run(SlurmTool.SBATCH, List.of("--parsable", script.toString()), Optional.of(folder));
    } catch (SlurmCommandException e) {
      throw new JobRejectedException(e.getMessage(), e);
    }
  }

  private Path arrayFolder(String name) throws JobRejectedException {
    Path folder = config.baseDirectory().resolve(BatchScript.safeName(name) + "-array-" + STAMP.format(Instant.now())
        + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0xfffffff));
    try {
      return OwnerOnly.createFolders(folder);
    } catch (IOException e) {
      throw new JobRejectedException("cannot create the array folder " + folder + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String text) throws JobRejectedException {
    try {
      OwnerOnly.write(file, text);
    } catch (IOException e) {
      throw new JobRejectedException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Sends scancel; returns whether Slurm accepted it. */
  boolean cancel(SlurmJob job) {
    boolean ok = monitor.scancel(job);
    monitor.hurry();
    return ok;
  }

  /**
   * Follows again a job submitted earlier by this or another process sharing the job store: its
   * folder is reopened and it is polled with the others. Empty when the store does not know the
   * id or its folder is gone.
   */
  @Override
  public Optional<Job> attach(String jobId) {
    Optional<SlurmJob> followed = monitor.find(jobId);
    if (followed.isPresent()) {
      return Optional.of(followed.get());
    }
    Optional<StoredJob> stored = store.find(jobId);
    if (stored.isEmpty() || closed) {
      return Optional.empty();
    }
    StoredJob s = stored.get();
    PreparedJob p;
    try {
      p = JobFolder.reopen(s.folder(), config, s.submittedAt());
    } catch (JobRejectedException e) {
      LOG.warn("cannot re-attach Slurm job {}: {}", jobId, e.getMessage());
      return Optional.empty();
    }
    String queryId = s.attributes().getOrDefault("query-id", jobId.contains("_")
        ? jobId.substring(0, jobId.indexOf('_')) : jobId);
    Path err = Optional.ofNullable(s.attributes().get("slurm-err")).map(Path::of)
        .orElse(s.folder().resolve(BatchScript.SLURM_ERR));
    SlurmJob job = new SlurmJob(jobId, queryId, p, err, Boolean.parseBoolean(s.attributes().get("requeue")), this);
    job.storedFinal = s.finalState();
    monitor.follow(job);
    return Optional.of(job);
  }

  /** Re-attaches every job the store lists as unfinished, in submission order. */
  public List<Job> attachUnfinished() {
    List<Job> out = new ArrayList<>();
    for (StoredJob s : store.unfinished()) {
      attach(s.id()).ifPresent(out::add);
    }
    return out;
  }

  /** The polls made and the Slurm commands called so far. */
  public SlurmStatistics statistics() {
    return new SlurmStatistics(monitor.polls(), monitor.pollTime(), commands.counts());
  }

  /**
   * Stops following the jobs. They go on running on the cluster unless {@code cancel-on-close}
   * is set (then they are cancelled there and end CANCELLED); otherwise their handles end FAILED
   * saying so, and the store keeps them as unfinished, for {@link #attach(String)}.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    monitor.stop();
    for (SlurmJob j : monitor.followed()) {
      monitor.forget(j);
      if (settings.cancelOnClose()) {
        if (monitor.scancel(j)) {
          j.cancelSent();
        }
        JobResult r = j.outcome(Optional.empty(), "cancelled on close", Optional.empty(), Optional.empty());
        monitor.markFinished(j, r.state());
        j.complete(r);
      } else {
        j.complete(j.outcome(Optional.empty(), "no longer followed", Optional.empty(), Optional.of("no longer"
            + " followed: the executor was closed while the job was " + j.status().backendState() + " on the cluster,"
            + " where it goes on; attach(\"" + j.id() + "\") on a new slurm executor follows it again")));
      }
    }
    LOG.debug("slurm executor closed");
  }
}
