package org.vipboutiques.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.vipboutiques.cache.ResultCache;
import org.vipboutiques.execution.job.JobStore;

/**
 * What a long history costs: a result cache of {@code entries} entries, read whole by an
 * eviction pass (what every stored run and every executor opened paid before a pass was only made
 * when an entry may be out of bounds); and a job store of {@code jobs} ended jobs opened (what
 * every Slurm executor, so every command, paid: the first opening now forgets all but the newest
 * 10,000, the next ones read those).
 *
 * <pre>
 * java -cp vip-boutiques-bench/target/benchmarks.jar org.vipboutiques.bench.HistoryGrowth [entries] [jobs]
 * </pre>
 */
public final class HistoryGrowth {

  private HistoryGrowth() {}

  public static void main(String[] args) throws Exception {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 25_000;
    int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    Path base = Files.createTempDirectory("vipb-history-bench");
    System.out.printf(Locale.ROOT, "machine: %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

    Path cache = base.resolve("cache");
    Path dir = Files.createDirectories(cache.resolve("entries"));
    Instant start = Instant.now().minus(Duration.ofDays(1));
    for (int i = 0; i < entries; i++) {
      Path e = Files.createDirectory(dir.resolve(String.format("%064x", i)));
      Files.writeString(e.resolve("entry.json"), "{}\n");
      Files.writeString(e.resolve("size"), "1000\n");
      Files.setLastModifiedTime(e.resolve("entry.json"), FileTime.from(start.plusSeconds(i)));
    }
    ResultCache bounded = ResultCache.in(cache).withEviction(OptionalLong.of(1L << 40), Optional.of(Duration.ofDays(30)));
    bounded.evict(); // warm the page cache and the JIT
    int passes = 5;
    long t0 = System.nanoTime();
    for (int i = 0; i < passes; i++) {
      bounded.evict();
    }
    System.out.printf(Locale.ROOT, "cache of %,d entries: a full eviction pass %.1f ms (mean of %d)%n", entries,
        (System.nanoTime() - t0) / 1e6 / passes, passes);

    Path store = base.resolve("jobs.jsonl");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < jobs; i++) {
      String line = "{\"id\": \"" + i + "\", \"folder\": \"/jobs/" + i + "\", \"submitted\": \"2026-01-01T00:00:00Z\","
          + " \"attributes\": {\"query-id\": \"" + i + "\"}";
      text.append(line).append("}\n").append(line).append(", \"final\": \"SUCCEEDED\"}\n");
    }
    Files.writeString(store, text);
    long t1 = System.nanoTime();
    JobStore.open(store);
    long first = System.nanoTime() - t1;
    int opens = 10;
    long t2 = System.nanoTime();
    for (int i = 0; i < opens; i++) {
      JobStore.open(store);
    }
    System.out.printf(Locale.ROOT, "job store of %,d ended jobs (%,d lines): first open %.1f ms (reads all, keeps %,d),"
        + " next opens %.1f ms (mean of %d)%n", jobs, 2 * jobs, first / 1e6, JobStore.MAX_ENDED,
        (System.nanoTime() - t2) / 1e6 / opens, opens);
  }
}
