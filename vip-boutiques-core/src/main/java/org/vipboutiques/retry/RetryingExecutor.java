package org.vipboutiques.retry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.job.DaemonThreads;
import org.vipboutiques.execution.job.ForwardingExecutor;
import org.vipboutiques.execution.job.OwnerOnly;
import org.vipboutiques.provenance.ProvenanceRecords;

/**
 * Retries in front of a back end. A job its policy never retries goes to the back end as it is.
 * Another gets its folder fixed first (the request's, or a new one under the base folder), what
 * the folder holds remembered, and its provenance record held; each attempt is then the back
 * end's job in that folder (the first prepares the record, held, reading the inputs once, as a
 * job without retries would; the others find it prepared), and a {@link RetryingJob} passes its
 * events on, runs the next attempt when the policy says so, and writes the record once.
 */
final class RetryingExecutor extends ForwardingExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(RetryingExecutor.class);

  private final RetryPolicy policy;
  /** The back-off timers, made when a first job may be retried; guarded by this. */
  private ScheduledExecutorService timers;
  /**
   * Where the next attempts start, each on a thread of its own: a back end's submit may take a
   * while (sbatch, a DIRAC call) and the retries of a batch must not wait for one another. Guarded by this.
   */
  private ExecutorService starts;
  final Set<RetryingJob> active = ConcurrentHashMap.newKeySet();
  volatile boolean closed;

  RetryingExecutor(JobExecutor backend, RetryPolicy policy, Path jobs) {
    super(backend, jobs);
    this.policy = policy;
  }

  @Override
  public Job submit(JobRequest request) throws JobRejectedException {
    RetryPolicy p = request.retryPolicy().orElse(policy);
    if (p.maxAttempts() == 1) {
      return backend().submit(request);
    }
    RetryingJob job = prepare(request, p);
    Job first;
    try {
      first = backend().submit(job.attemptRequest());
    } catch (JobRejectedException | RuntimeException e) {
      job.abandon();
      throw e;
    }
    job.follow(first, 1);
    return job;
  }

  @Override
  public List<Job> submitAll(List<JobRequest> requests) throws JobRejectedException {
    if (requests.stream().allMatch(r -> r.retryPolicy().orElse(policy).maxAttempts() == 1)) {
      return backend().submitAll(requests);
    }
    List<RetryingJob> retrying = new ArrayList<>();
    List<JobRequest> attempts = new ArrayList<>();
    try {
      for (JobRequest r : requests) {
        RetryingJob job = prepare(r, r.retryPolicy().orElse(policy));
        retrying.add(job);
        attempts.add(job.attemptRequest());
      }
      List<Job> first = backend().submitAll(attempts);
      List<Job> out = new ArrayList<>();
      for (int i = 0; i < first.size(); i++) {
        retrying.get(i).follow(first.get(i), 1);
        out.add(retrying.get(i));
      }
      return out;
    } catch (JobRejectedException | RuntimeException e) {
      retrying.forEach(RetryingJob::abandon);
      throw e;
    }
  }

  /** The job that will hold the attempts of {@code request}: its folder fixed and remembered, its record held. */
  private RetryingJob prepare(JobRequest request, RetryPolicy p) throws JobRejectedException {
    Path folder = folderOf(request);
    Optional<AttemptFolder> before;
    try {
      before = AttemptFolder.before(folder, request);
      OwnerOnly.createFolders(folder);
    } catch (IOException e) {
      throw new JobRejectedException("cannot list or create the job folder " + folder + " (a retried job's folder is"
          + " read first, to keep what is there): " + e.getMessage() + "; make it readable and writable", e);
    }
    if (before.isEmpty()) {
      LOG.warn("{} runs once, without retries: its folder {} holds more than {} entries before it starts",
          request.name(), folder, AttemptFolder.MAX_ENTRIES);
    }
    if (request.dataCollection().enabled()) {
      // The first attempt prepares the record, held, where a job without retries would (the back
      // end, or a result cache with the sums its key read): each File input is read once.
      try {
        ProvenanceRecords.hold(folder);
      } catch (IOException | RuntimeException e) {
        LOG.warn("no provenance record for the job in {}: {}; make the job folder writable or skip data collection",
            folder, e.getMessage());
      }
    }
    RetryingJob job = new RetryingJob(this, request, before.isPresent() ? p : RetryPolicy.NONE, folder,
        before.orElse(null));
    active.add(job);
    return job;
  }

  /**
   * An attempt of {@code request}: in {@code folder}, heard by {@code forward}, without retries of
   * its own. Each collects data as the request says: the first to prepare the job's record prepares
   * it held (written by the job that holds the attempts); the others find it there and read nothing.
   */
  static JobRequest attempt(JobRequest r, Path folder, JobListener forward) {
    return new JobRequest(r.descriptor(), r.invocation(), Optional.of(folder), r.environment(), r.timeout(),
        r.mounts(), r.useContainer(), r.name(), r.options(), r.inputDirectory(), List.of(forward),
        r.dataCollection(), Optional.of(RetryPolicy.NONE));
  }

  /**
   * Runs {@code next} after {@code delay} ms, on a thread of its own (so that many run at once);
   * throws RejectedExecutionException once closed. The future is the wait: cancelling it before
   * the delay is over keeps {@code next} from running.
   */
  synchronized Future<?> schedule(Runnable next, long delay) {
    if (closed) {
      throw new RejectedExecutionException("the executor is closed");
    }
    if (timers == null) {
      timers = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("vipb-retry-timer"));
      starts = Executors.newCachedThreadPool(DaemonThreads.named("vipb-retry"));
    }
    ExecutorService on = starts;
    return timers.schedule(() -> {
      try {
        on.execute(next);
      } catch (RejectedExecutionException closing) {
        next.run(); // it sees the executor closed and ends its job
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void closeOwn() {
    synchronized (this) {
      closed = true;
      if (timers != null) {
        timers.shutdownNow();
        starts.shutdown(); // an attempt being started sees the executor closed
      }
    }
    for (RetryingJob j : active) {
      j.executorClosed();
    }
  }
}
