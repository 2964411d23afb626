package org.vipboutiques.cache;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobStatus;

/**
 * A back end's job that missed the cache, as is, whose result is stored (when it succeeded)
 * before it completes and the key's lock is released: an identical job waiting for the lock
 * then finds the entry.
 */
final class StoringJob implements Job {

  private final Job inner;
  private final CompletableFuture<JobResult> result;

  StoringJob(Job inner, CacheStore store, String key, CacheStore.KeyLock lock) {
    this.inner = inner;
    // On the thread that completes the back end's result: never exceptional, as Job promises.
    this.result = inner.result().handle((r, failure) -> {
      OptionalLong stored = OptionalLong.empty();
      try {
        if (r != null) {
          stored = store.store(key, r);
        }
      } finally {
        lock.close();
      }
      if (stored.isPresent()) {
        store.evictIfDue(stored.getAsLong());
      }
      return r;
    });
  }

  @Override
  public String id() {
    return inner.id();
  }

  @Override
  public String executorName() {
    return inner.executorName();
  }

  @Override
  public Path workDirectory() {
    return inner.workDirectory();
  }

  @Override
  public JobStatus status() {
    return inner.status();
  }

  @Override
  public CompletableFuture<JobResult> result() {
    return result;
  }

  @Override
  public boolean cancel() {
    return inner.cancel();
  }

  @Override
  public Job addListener(JobListener listener) {
    inner.addListener(listener);
    return this;
  }

  @Override
  public String toString() {
    return inner.toString();
  }
}
