package org.vipboutiques.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.job.DaemonThreads;

/**
 * The cache in front of a back end. A job whose key's lock is free is answered at once: from the
 * entry when there is one, else by the back end, unchanged (its listeners hear the back end's job
 * itself), the run stored when it succeeds before the lock is released. A job whose key is
 * locked (an identical job is running) waits on a thread of its own for the lock, then is a hit,
 * or runs if the other did not succeed.
 */
final class CachingExecutor implements JobExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(CachingExecutor.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  private final JobExecutor backend;
  private final CacheStore store;
  private final Path jobs;
  private final ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool(
      DaemonThreads.named("vipb-cache"));

  CachingExecutor(JobExecutor backend, CacheStore store, Path jobs) {
    this.backend = backend;
    this.store = store;
    this.jobs = jobs;
  }

  @Override
  public String name() {
    return backend.name();
  }

  JobExecutor backend() {
    return backend;
  }

  CacheStore store() {
    return store;
  }

  @Override
  public Job submit(JobRequest request) throws JobRejectedException {
    String key;
    try {
      Optional<String> image = request.useContainer()
          ? backend.as(ImageIdentity.class).flatMap(i -> i.imageIdentity(request)) : Optional.empty();
      key = CacheKey.of(request, store.cache(), image);
    } catch (NotCacheableException e) {
      LOG.info("{} runs without the cache: {}", request.name(), e.getMessage());
      return backend.submit(request);
    }
    Optional<CacheStore.KeyLock> free;
    try {
      free = store.tryLock(key);
    } catch (IOException e) {
      throw new JobRejectedException("result cache: cannot take a lock in " + store.cache().folder() + ": "
          + e.getMessage() + "; make the cache folder writable or run without the cache", e);
    }
    if (free.isPresent()) {
      CacheStore.KeyLock lock = free.get();
      Optional<CacheStore.Entry> hit = store.lookup(key);
      if (hit.isEmpty()) {
        Job inner;
        try {
          inner = backend.submit(request);
        } catch (JobRejectedException | RuntimeException e) {
          lock.close();
          throw e;
        }
        return new StoringJob(inner, store, key, lock);
      }
      CachedJob job = new CachedJob(this, key, withFolder(request, folderOf(request), request.listeners()));
      threads.execute(() -> job.answer(hit.get(), lock));
      return job;
    }
    CachedJob job = new CachedJob(this, key, withFolder(request, folderOf(request), request.listeners()));
    threads.execute(job::waitTurn);
    return job;
  }

  @Override
  public <T> Optional<T> as(Class<T> type) {
    return type.isInstance(this) ? Optional.of(type.cast(this)) : backend.as(type);
  }

  @Override
  public Optional<Job> attach(String jobId) {
    return backend.attach(jobId);
  }

  @Override
  public Optional<Job> attach(String jobId, Path workDirectory) {
    return backend.attach(jobId, workDirectory);
  }

  @Override
  public void close() {
    threads.shutdownNow();
    backend.close();
  }

  private Path folderOf(JobRequest request) {
    return request.workDirectory().map(p -> p.toAbsolutePath().normalize())
        .orElseGet(() -> jobs.resolve(folderName(request.name())));
  }

  /** The request in {@code folder}, with these listeners (a back end then makes no folder of its own). */
  static JobRequest withFolder(JobRequest r, Path folder, List<JobListener> listeners) {
    return new JobRequest(r.descriptor(), r.invocation(), Optional.of(folder), r.environment(), r.timeout(),
        r.mounts(), r.useContainer(), r.name(), r.options(), r.inputDirectory(), listeners, r.dataCollection(),
        r.retryPolicy());
  }

  private static String folderName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_");
    if (safe.length() > 40) {
      safe = safe.substring(0, 40);
    }
    return safe + "-" + STAMP.format(Instant.now()) + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0xfffffff);
  }
}
