package org.vipboutiques.bench;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.vipboutiques.Boutiques;
import org.vipboutiques.cache.ResultCache;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.job.OwnerOnly;
import org.vipboutiques.provenance.DataCollection;

/**
 * A cache hit against a run of the same tool, in one warm JVM, on the local executor: median
 * time from {@code submit} to the result of a plain run (no cache), of a first run with the cache
 * on (a miss: inputs hashed, outputs stored) and of a hit (inputs hashed, the entry copied into a
 * new job folder). Two tools: {@code cat} of a 1 KiB input ({@code runs} times), and
 * {@code sha256sum} of a {@code bigMiB} input that also copies it as an output (5 times).
 * Provenance records are written in every case, as by default.
 *
 * <pre>
 * java -cp vip-boutiques-bench/target/benchmarks.jar org.vipboutiques.bench.CacheOverhead [runs] [bigMiB]
 * </pre>
 */
public final class CacheOverhead {

  private CacheOverhead() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 21;
    int bigMiB = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    Path base = Files.createTempDirectory("vipb-cache-bench");
    // The records go with the rest, not to the user's data folder.
    System.setProperty(DataCollection.DIRECTORY_PROPERTY, base.resolve("data").toString());
    System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.name"));
    Path small = write(base.resolve("in-small.bin"), 1024);
    measure(base, "cat, 1 KiB input", "cat [IN] > out.bin", small, runs);
    if (bigMiB > 0) {
      Path big = write(base.resolve("in-big.bin"), (long) bigMiB << 20);
      measure(base, "sha256sum + copy, " + bigMiB + " MiB input", "sha256sum [IN] > sum.txt; cat [IN] > out.bin", big,
          5);
    }
    OwnerOnly.deleteTree(base);
  }

  private static void measure(Path base, String label, String command, Path input, int runs) throws Exception {
    Boutiques boutiques = Boutiques.create();
    Descriptor tool = boutiques.load(boutiques.parser().parseObject("{\"name\": \"cache bench\", \"description\": \"d\","
        + " \"tool-version\": \"1\", \"schema-version\": \"0.5\", \"command-line\": \"" + command + "\","
        + " \"inputs\": [{\"id\": \"in\", \"name\": \"in\", \"type\": \"File\", \"value-key\": \"[IN]\"},"
        + " {\"id\": \"n\", \"name\": \"n\", \"type\": \"Number\", \"integer\": true, \"optional\": true}],"
        + " \"output-files\": [{\"id\": \"out\", \"name\": \"out\", \"path-template\": \"out.bin\"}]}", "bench"), "bench");
    Path jobs = base.resolve("jobs");
    Path cache = base.resolve("cache-" + Math.abs(label.hashCode()));
    List<Long> plain = new ArrayList<>();
    List<Long> miss = new ArrayList<>();
    List<Long> hit = new ArrayList<>();
    try (JobExecutor local = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(jobs).build());
        JobExecutor cached = ResultCache.in(cache).wrap(JobExecutors.create(ExecutorConfig.builder("local")
            .baseDirectory(jobs).build()), jobs)) {
      for (int i = 0; i < runs + 1; i++) {
        // A new value of an unused input each round: a new key, so the cached executor's first
        // job is a miss and its second a hit.
        JobRequest request = JobRequest.builder(tool, boutiques.invocation(tool, boutiques.parser().parseObject(
            "{\"in\": \"" + input + "\", \"n\": " + i + "}", "bench"))).build();
        long t0 = System.nanoTime();
        JobResult p = local.submit(request).await();
        long t1 = System.nanoTime();
        JobResult m = cached.submit(request).await();
        long t2 = System.nanoTime();
        JobResult h = cached.submit(request).await();
        long t3 = System.nanoTime();
        if (!p.succeeded() || !m.succeeded() || m.cacheHit() || !h.cacheHit()) {
          throw new IllegalStateException("unexpected results: " + p + " / " + m + " / " + h);
        }
        if (i > 0) { // the first round warms up
          plain.add(t1 - t0);
          miss.add(t2 - t1);
          hit.add(t3 - t2);
        }
        for (JobResult r : List.of(p, m, h)) {
          OwnerOnly.deleteTree(r.workDirectory());
        }
      }
    }
    System.out.printf(Locale.ROOT, "%-32s median of %2d: a run %8.1f ms, a first run with the cache %8.1f ms,"
        + " a hit %8.1f ms%n", label, runs, median(plain), median(miss), median(hit));
  }

  private static Path write(Path file, long bytes) throws Exception {
    Random random = new Random(42);
    byte[] block = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = bytes; left > 0; left -= block.length) {
        random.nextBytes(block);
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
    return file;
  }

  private static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2) / 1e6;
  }
}
