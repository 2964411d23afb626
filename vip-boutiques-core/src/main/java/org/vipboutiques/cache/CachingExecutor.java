package org.vipboutiques.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.job.DaemonThreads;
import org.vipboutiques.execution.job.ForwardingExecutor;
import org.vipboutiques.provenance.DigestMemo;
import org.vipboutiques.provenance.FileDigest;

/**
 * The cache in front of a back end. A job whose key's lock is free is answered at once: from the
 * entry when there is one, else by the back end, unchanged (its listeners hear the back end's job
 * itself), the run stored when it succeeds before the lock is released. A job whose key is
 * locked (an identical job is running) waits on a thread of its own for the lock, then is a hit,
 * or runs if the other did not succeed.
 */
final class CachingExecutor extends ForwardingExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(CachingExecutor.class);

  private final CacheStore store;
  private final ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool(
      DaemonThreads.named("vipb-cache"));

  CachingExecutor(JobExecutor backend, CacheStore store, Path jobs) {
    super(backend, jobs);
    this.store = store;
  }

  CacheStore store() {
    return store;
  }

  @Override
  public Job submit(JobRequest request) throws JobRejectedException {
    Decision d = decide(request);
    switch (d.kind) {
      case UNCACHED:
        return backend().submit(request);
      case HIT:
        return answer(request, d.key, d.digests, d.hit, d.lock);
      case WAIT:
        return waitFor(request, d.key, d.digests);
      default:
        Job inner;
        try {
          // The back end prepares the record: with the key's sums, it reads no input again.
          inner = DigestMemo.with(d.digests, () -> backend().submit(request));
        } catch (JobRejectedException | RuntimeException e) {
          d.release();
          throw e;
        }
        return new StoringJob(inner, store, d.key, d.lock);
    }
  }

  /**
   * Each request keyed and looked up as {@link #submit} does; then the misses (and the jobs the cache
   * cannot key) go to the back end in one {@code submitAll}, so that a Slurm array or a DIRAC bulk
   * submission still carries them together. Identical requests in one call run once: the first
   * misses, the others wait for it and are hits.
   */
  @Override
  public List<Job> submitAll(List<JobRequest> requests) throws JobRejectedException {
    List<Decision> decisions = new ArrayList<>();
    List<JobRequest> toBackend = new ArrayList<>();
    try {
      for (JobRequest request : requests) {
        Decision d = decide(request);
        decisions.add(d);
        if (d.kind == Kind.RUN || d.kind == Kind.UNCACHED) {
          d.backendIndex = toBackend.size();
          toBackend.add(request);
        }
      }
    } catch (JobRejectedException | RuntimeException e) {
      decisions.forEach(Decision::release);
      throw e;
    }
    List<Job> ran;
    try {
      Map<Path, FileDigest> sums = new HashMap<>();
      decisions.forEach(d -> sums.putAll(d.digests));
      ran = toBackend.isEmpty() ? List.of() : DigestMemo.with(sums, () -> backend().submitAll(toBackend));
    } catch (JobRejectedException | RuntimeException e) {
      decisions.forEach(Decision::release);
      throw e;
    }
    List<Job> jobs = new ArrayList<>();
    for (Decision d : decisions) {
      jobs.add(switch (d.kind) {
        case UNCACHED -> ran.get(d.backendIndex);
        case RUN -> new StoringJob(ran.get(d.backendIndex), store, d.key, d.lock);
        case HIT -> answer(d.request, d.key, d.digests, d.hit, d.lock);
        case WAIT -> waitFor(d.request, d.key, d.digests);
      });
    }
    return jobs;
  }

  private enum Kind { UNCACHED, RUN, HIT, WAIT }

  /** What the cache does with one request of a batch; a lock taken is held until the job's end. */
  private static final class Decision {
    final JobRequest request;
    final Kind kind;
    final String key;
    final CacheStore.KeyLock lock;
    final CacheStore.Entry hit;
    final Map<Path, FileDigest> digests;
    int backendIndex = -1;

    Decision(JobRequest request, Kind kind, CacheKey.Keyed keyed, CacheStore.KeyLock lock, CacheStore.Entry hit) {
      this.request = request;
      this.kind = kind;
      this.key = keyed == null ? null : keyed.key();
      this.digests = keyed == null ? Map.of() : keyed.inputDigests();
      this.lock = lock;
      this.hit = hit;
    }

    void release() {
      if (lock != null) {
        lock.close();
      }
    }
  }

  private Decision decide(JobRequest request) throws JobRejectedException {
    Optional<CacheKey.Keyed> key = key(request);
    if (key.isEmpty()) {
      return new Decision(request, Kind.UNCACHED, null, null, null);
    }
    Optional<CacheStore.KeyLock> free = tryLock(key.get().key());
    if (free.isEmpty()) {
      return new Decision(request, Kind.WAIT, key.get(), null, null);
    }
    Optional<CacheStore.Entry> hit = store.lookup(key.get().key());
    return hit.isPresent() ? new Decision(request, Kind.HIT, key.get(), free.get(), hit.get())
        : new Decision(request, Kind.RUN, key.get(), free.get(), null);
  }

  /** The request's key, or empty when the cache cannot key it (it then runs uncached). */
  private Optional<CacheKey.Keyed> key(JobRequest request) throws JobRejectedException {
    try {
      Optional<String> image = request.useContainer()
          ? backend().as(ImageIdentity.class).flatMap(i -> i.imageIdentity(request)) : Optional.empty();
      return Optional.of(CacheKey.of(request, store.cache(), image));
    } catch (NotCacheableException e) {
      LOG.info("{} runs without the cache: {}", request.name(), e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<CacheStore.KeyLock> tryLock(String key) throws JobRejectedException {
    try {
      return store.tryLock(key);
    } catch (IOException e) {
      throw new JobRejectedException("result cache: cannot take a lock in " + store.cache().folder() + ": "
          + e.getMessage() + "; make the cache folder writable or run without the cache", e);
    }
  }

  private CachedJob answer(JobRequest request, String key, Map<Path, FileDigest> digests, CacheStore.Entry hit,
      CacheStore.KeyLock lock) {
    CachedJob job = new CachedJob(this, key, withFolder(request, folderOf(request), request.listeners()), digests);
    threads.execute(() -> job.answer(hit, lock));
    return job;
  }

  private CachedJob waitFor(JobRequest request, String key, Map<Path, FileDigest> digests) {
    CachedJob job = new CachedJob(this, key, withFolder(request, folderOf(request), request.listeners()), digests);
    threads.execute(job::waitTurn);
    return job;
  }

  @Override
  protected void closeOwn() {
    threads.shutdownNow();
  }

  /** The request in {@code folder}, with these listeners (a back end then makes no folder of its own). */
  static JobRequest withFolder(JobRequest r, Path folder, List<JobListener> listeners) {
    return new JobRequest(r.descriptor(), r.invocation(), Optional.of(folder), r.environment(), r.timeout(),
        r.mounts(), r.useContainer(), r.name(), r.options(), r.inputDirectory(), listeners, r.dataCollection(),
        r.retryPolicy());
  }
}
