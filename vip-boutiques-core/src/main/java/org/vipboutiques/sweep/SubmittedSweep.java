package org.vipboutiques.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.JobStatus;
import org.vipboutiques.execution.job.JobFolder;
import org.vipboutiques.execution.job.OwnerOnly;

/**
 * A submitted sweep: its jobs, in the plan's order, followed through listeners (no polling of
 * the back end by the sweep). A sweep re-run ({@link Sweep#rerunFailed}) or re-attached
 * ({@link Sweep#attach}) keeps the results its folder already holds and follows only the other
 * combinations' jobs. Thread-safe.
 */
public final class SubmittedSweep {

  static final String PLAN = "plan.json";
  static final String RESULTS_TSV = "results.tsv";
  static final String RESULTS_JSON = "results.json";

  private final SweepPlan plan;
  private final Path folder;
  /** By combination: the job followed, or null where the result is already known. */
  private final Job[] jobs;
  /** By combination: the result known without following a job (kept from the folder), or null. */
  private final JobResult[] known;
  private final AtomicReferenceArray<JobState> states;

  private SubmittedSweep(SweepPlan plan, Path folder, Job[] jobs, JobResult[] known,
      AtomicReferenceArray<JobState> states) {
    this.plan = plan;
    this.folder = folder;
    this.jobs = jobs;
    this.known = known;
    this.states = states;
  }

  static SubmittedSweep submit(JobExecutor executor, SweepPlan plan, Path folder, Consumer<JobRequest.Builder> options)
      throws JobRejectedException {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(options, "options");
    Path root = makeFolder(folder.toAbsolutePath().normalize());
    try {
      SweepFiles.writeDescriptor(root.resolve(StoredSweep.DESCRIPTOR), plan);
    } catch (IOException e) {
      throw new JobRejectedException("cannot write the sweep's descriptor copy in " + root + ": " + e.getMessage(), e);
    }
    List<Integer> all = new ArrayList<>(plan.size());
    plan.combinations().forEach(c -> all.add(c.index()));
    return run(executor, plan, root, options, all, new JobResult[plan.size()], new PlannedJob[plan.size()], 1);
  }

  /** Submits the combinations {@code todo} (the others have a result, or a job of their own), then writes the plan. */
  private static SubmittedSweep run(JobExecutor executor, SweepPlan plan, Path root,
      Consumer<JobRequest.Builder> options, List<Integer> todo, JobResult[] known, PlannedJob[] planned,
      int attemptFloor) throws JobRejectedException {
    AtomicReferenceArray<JobState> states = new AtomicReferenceArray<>(plan.size());
    for (int i = 0; i < plan.size(); i++) {
      states.set(i, known[i] != null ? known[i].state() : JobState.QUEUED);
    }
    List<JobRequest> requests = new ArrayList<>(todo.size());
    int width = Math.max(4, String.valueOf(Math.max(0, plan.size() - 1)).length());
    int[] attempts = new int[todo.size()];
    for (int k = 0; k < todo.size(); k++) {
      int index = todo.get(k);
      Combination c = plan.combinations().get(index);
      attempts[k] = planned[index] == null ? attemptFloor : planned[index].attempt() + 1;
      JobRequest.Builder b = JobRequest.builder(plan.descriptor(), c.invocation());
      options.accept(b);
      String number = String.format("%0" + width + "d", index) + (attempts[k] == 1 ? "" : "-" + attempts[k]);
      // One name for all: back ends group requests by it (one Slurm array).
      b.workDirectory(root.resolve("jobs").resolve(number)).listener(follower(states, index));
      requests.add(b.build());
    }
    List<Job> submitted = executor.submitAll(requests);
    Job[] jobs = new Job[plan.size()];
    for (int k = 0; k < todo.size(); k++) {
      Job job = submitted.get(k);
      jobs[todo.get(k)] = job;
      planned[todo.get(k)] = new PlannedJob(executor.name(), job.id(), job.workDirectory(), attempts[k]);
      known[todo.get(k)] = null;
    }
    try {
      SweepFiles.writePlan(root.resolve(PLAN), plan, List.of(planned));
    } catch (IOException e) {
      submitted.forEach(Job::cancel);
      throw new JobRejectedException("cannot write the sweep's plan " + root.resolve(PLAN) + ": " + e.getMessage()
          + "; its jobs were cancelled", e);
    }
    return new SubmittedSweep(plan, root, jobs, known, states);
  }

  /** Submits again the combinations of a sweep folder whose job did not succeed. */
  static SubmittedSweep rerunFailed(JobExecutor executor, Path folder, Consumer<JobRequest.Builder> options)
      throws JobRejectedException {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(options, "options");
    StoredSweep stored = StoredSweep.read(folder);
    int size = stored.plan().size();
    List<Integer> pending = new ArrayList<>();
    List<Integer> todo = new ArrayList<>();
    JobResult[] known = new JobResult[size];
    for (int i = 0; i < size; i++) {
      JobResult r = stored.results().get(i);
      if (r == null) {
        pending.add(i);
      } else if (r.succeeded()) {
        known[i] = r;
      } else {
        todo.add(i);
        known[i] = r;
      }
    }
    if (!pending.isEmpty()) {
      throw new JobRejectedException(pending.size() + " of the " + size + " combinations of the sweep in "
          + stored.folder() + " have no result yet (combination " + pending.get(0) + " first), and their jobs may"
          + " still run; follow them to the end first (Sweep.attach, vip-boutiques sweep --attach), then re-run");
    }
    return run(executor, stored.plan(), stored.folder(), options, todo, known,
        stored.jobs().toArray(PlannedJob[]::new), 1);
  }

  /**
   * Follows again the jobs of a sweep folder that have no result yet, through the executor's
   * re-attach ({@link JobExecutor#attach(String, Path)}). A job the executor cannot follow again
   * (it keeps no record of it, or it never started) ends FAILED, saying so: a re-run submits it again.
   */
  static SubmittedSweep attach(JobExecutor executor, Path folder) throws JobRejectedException {
    Objects.requireNonNull(executor, "executor");
    StoredSweep stored = StoredSweep.read(folder);
    int size = stored.plan().size();
    Job[] jobs = new Job[size];
    JobResult[] known = new JobResult[size];
    AtomicReferenceArray<JobState> states = new AtomicReferenceArray<>(size);
    for (int i = 0; i < size; i++) {
      JobResult r = stored.results().get(i);
      PlannedJob p = stored.jobs().get(i);
      if (r != null) {
        known[i] = r;
        states.set(i, r.state());
        continue;
      }
      if (!p.executor().equals(executor.name())) {
        throw new JobRejectedException("combination " + i + " of the sweep in " + stored.folder() + " runs on the "
            + p.executor() + " executor, not " + executor.name() + "; re-attach with a " + p.executor() + " executor");
      }
      states.set(i, JobState.QUEUED);
      java.util.Optional<Job> job = executor.attach(p.jobId(), p.folder());
      if (job.isPresent()) {
        jobs[i] = job.get();
        job.get().addListener(follower(states, i));
      } else {
        known[i] = lost(executor.name(), p, stored.plan().combinations().get(i));
        states.set(i, known[i].state());
      }
    }
    return new SubmittedSweep(stored.plan(), stored.folder(), jobs, known, states);
  }

  private static JobResult lost(String executor, PlannedJob p, Combination c) {
    Instant now = Instant.now();
    return new JobResult(p.jobId(), JobState.FAILED, "lost", java.util.Optional.empty(), java.util.Optional.empty(),
        p.folder(), p.folder().resolve(JobFolder.STDOUT), p.folder().resolve(JobFolder.STDERR), "", "", Map.of(),
        List.of(), "", java.util.Optional.empty(), now, java.util.Optional.empty(), now,
        java.util.Optional.of("the " + executor + " executor cannot follow job " + p.jobId() + " again (it keeps no"
            + " record of it, or the job never started); re-run the sweep's failed combinations to run it again"));
  }

  private static JobListener follower(AtomicReferenceArray<JobState> states, int index) {
    return new JobListener() {
      @Override
      public void stateChanged(Job job, JobStatus status) {
        states.set(index, status.state());
      }
    };
  }

  private static Path makeFolder(Path folder) throws JobRejectedException {
    try {
      if (Files.isSymbolicLink(folder)) {
        throw new JobRejectedException("the sweep folder " + folder + " is a link; give a new folder");
      }
      if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
        boolean empty;
        try (Stream<Path> entries = Files.list(folder)) {
          empty = entries.findAny().isEmpty();
        }
        if (!empty) {
          throw new JobRejectedException("the sweep folder " + folder + " is not empty; give a new folder");
        }
      }
      OwnerOnly.createFolders(folder);
      OwnerOnly.createFolders(folder.resolve("jobs"));
      return folder;
    } catch (IOException e) {
      throw new JobRejectedException("cannot create the sweep folder " + folder + ": " + e.getMessage(), e);
    }
  }

  public SweepPlan plan() {
    return plan;
  }

  /** The sweep's folder: {@code plan.json}, the tables, and {@code jobs/} with a job folder per combination. */
  public Path folder() {
    return folder;
  }

  /**
   * The jobs this handle follows, by combination index: every combination's after
   * {@link Sweep#submit}; only those without a result yet after a re-run or a re-attach.
   */
  public List<Job> jobs() {
    return Arrays.stream(jobs).filter(Objects::nonNull).toList();
  }

  /** The job of one combination, when this handle follows one (a kept result has none). */
  public Optional<Job> job(int index) {
    return Optional.ofNullable(jobs[index]);
  }

  /** How many jobs are in each state now. */
  public SweepCounts counts() {
    int queued = 0;
    int running = 0;
    int succeeded = 0;
    int failed = 0;
    int cancelled = 0;
    for (int i = 0; i < states.length(); i++) {
      switch (states.get(i)) {
        case QUEUED -> queued++;
        case RUNNING -> running++;
        case SUCCEEDED -> succeeded++;
        case FAILED -> failed++;
        case CANCELLED -> cancelled++;
        default -> throw new IllegalStateException("unknown state " + states.get(i));
      }
    }
    return new SweepCounts(states.length(), queued, running, succeeded, failed, cancelled);
  }

  /** Completes when every job has ended. */
  public CompletableFuture<Void> ended() {
    return CompletableFuture.allOf(jobs().stream().map(Job::result).toArray(CompletableFuture[]::new));
  }

  /** Asks the back end to stop every job still running. */
  public void cancel() {
    jobs().forEach(Job::cancel);
  }

  /**
   * Waits for every job, then writes the results tables ({@code results.tsv}, {@code results.json},
   * owner-only) in the sweep folder: one row per combination, its values, state, exit code, job
   * folder and output paths; after a re-run or a re-attach, the kept rows and the new ones.
   *
   * @throws IOException when a table cannot be written
   */
  public SweepResults await() throws InterruptedException, IOException {
    List<CombinationResult> rows = new ArrayList<>(jobs.length);
    for (int i = 0; i < jobs.length; i++) {
      JobResult result = jobs[i] != null ? jobs[i].await() : known[i];
      states.set(i, result.state());
      rows.add(new CombinationResult(plan.combinations().get(i), result));
    }
    Path tsv = folder.resolve(RESULTS_TSV);
    Path json = folder.resolve(RESULTS_JSON);
    SweepFiles.writeTables(tsv, json, plan, rows);
    return new SweepResults(rows, tsv, json);
  }
}
