package org.vipboutiques.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.vipboutiques.execution.job.OwnerOnly;

/**
 * A submitted sweep: its jobs, in the plan's order, followed through listeners given with each
 * request (no polling of the back end). Thread-safe.
 */
public final class SubmittedSweep {

  static final String PLAN = "plan.json";
  static final String RESULTS_TSV = "results.tsv";
  static final String RESULTS_JSON = "results.json";

  private final SweepPlan plan;
  private final Path folder;
  private final List<Job> jobs;
  private final AtomicReferenceArray<JobState> states;

  private SubmittedSweep(SweepPlan plan, Path folder, List<Job> jobs, AtomicReferenceArray<JobState> states) {
    this.plan = plan;
    this.folder = folder;
    this.jobs = List.copyOf(jobs);
    this.states = states;
  }

  static SubmittedSweep submit(JobExecutor executor, SweepPlan plan, Path folder, Consumer<JobRequest.Builder> options)
      throws JobRejectedException {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(options, "options");
    Path root = makeFolder(folder.toAbsolutePath().normalize());
    AtomicReferenceArray<JobState> states = new AtomicReferenceArray<>(plan.size());
    List<JobRequest> requests = new ArrayList<>(plan.size());
    int width = Math.max(4, String.valueOf(Math.max(0, plan.size() - 1)).length());
    for (Combination c : plan.combinations()) {
      states.set(c.index(), JobState.QUEUED);
      JobRequest.Builder b = JobRequest.builder(plan.descriptor(), c.invocation());
      options.accept(b);
      String number = String.format("%0" + width + "d", c.index());
      int index = c.index();
      // One name for all: back ends group requests by it (one Slurm array).
      b.workDirectory(root.resolve("jobs").resolve(number))
          .listener(new JobListener() {
            @Override
            public void stateChanged(Job job, JobStatus status) {
              states.set(index, status.state());
            }
          });
      requests.add(b.build());
    }
    List<Job> jobs = executor.submitAll(requests);
    try {
      SweepFiles.writePlan(root.resolve(PLAN), plan, executor.name(), jobs);
    } catch (IOException e) {
      jobs.forEach(Job::cancel);
      throw new JobRejectedException("cannot write the sweep's plan " + root.resolve(PLAN) + ": " + e.getMessage()
          + "; its jobs were cancelled", e);
    }
    return new SubmittedSweep(plan, root, jobs, states);
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

  /** The jobs, by combination index. */
  public List<Job> jobs() {
    return jobs;
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
    return CompletableFuture.allOf(jobs.stream().map(Job::result).toArray(CompletableFuture[]::new));
  }

  /** Asks the back end to stop every job still running. */
  public void cancel() {
    jobs.forEach(Job::cancel);
  }

  /**
   * Waits for every job, then writes the results tables ({@code results.tsv}, {@code results.json},
   * owner-only) in the sweep folder: one row per combination, its values, state, exit code, job
   * folder and output paths.
   *
   * @throws IOException when a table cannot be written
   */
  public SweepResults await() throws InterruptedException, IOException {
    List<CombinationResult> rows = new ArrayList<>(jobs.size());
    for (int i = 0; i < jobs.size(); i++) {
      JobResult result = jobs.get(i).await();
      states.set(i, result.state());
      rows.add(new CombinationResult(plan.combinations().get(i), result));
    }
    Path tsv = folder.resolve(RESULTS_TSV);
    Path json = folder.resolve(RESULTS_JSON);
    SweepFiles.writeTables(tsv, json, plan, rows);
    return new SweepResults(rows, tsv, json);
  }
}
