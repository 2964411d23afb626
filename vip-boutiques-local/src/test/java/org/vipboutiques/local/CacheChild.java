package org.vipboutiques.local;

import java.nio.file.Path;
import org.vipboutiques.Fixtures;
import org.vipboutiques.cache.ResultCache;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;

/** Another process on the cache of {@link ResultCacheTest}: runs its tool once (3 s); exits 0 when it ran and succeeded. */
public final class CacheChild {

  private CacheChild() {}

  public static void main(String[] args) throws Exception {
    Path cache = Path.of(args[0]);
    Path jobs = Path.of(args[1]);
    Descriptor d = Fixtures.BOUTIQUES.load(ResultCacheTest.toolJson(Path.of(args[2]), 7, ""), "cache-child");
    JobRequest request = JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, Fixtures.json(
        "{\"in\": \"a.txt\", \"pause\": 3}"))).inputDirectory(Path.of(args[3])).build();
    int code;
    try (JobExecutor e = ResultCache.in(cache).wrap(
        JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(jobs).build()), jobs)) {
      JobResult r = e.submit(request).await();
      code = r.succeeded() && !r.cacheHit() ? 0 : 1;
      System.out.println(r);
    }
    System.exit(code);
  }
}
