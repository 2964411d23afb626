package org.vipboutiques.bench;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
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
 * What a cache miss costs this JVM, not the tool: the CPU time of the process and the bytes it
 * read ({@code rchar} of {@code /proc/self/io}, Linux) from {@code submit} to the result of a
 * local job with the result cache on, whose tool ({@code head -c 4}, another process) reads almost
 * nothing. A new key each round (an unused input changes), so every job is a miss: the input
 * hashed for the key (and its MD5 for the record), the record prepared and written, the run
 * stored. CPU time and bytes read hardly depend on the machine's load, unlike wall time.
 *
 * <pre>
 * java -cp vip-boutiques-bench/target/benchmarks.jar org.vipboutiques.bench.CacheMissCost [MiB] [runs]
 * </pre>
 */
public final class CacheMissCost {

  private CacheMissCost() {}

  public static void main(String[] args) throws Exception {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path base = Files.createTempDirectory("vipb-cache-miss");
    System.setProperty(DataCollection.DIRECTORY_PROPERTY, base.resolve("data").toString());
    Path input = base.resolve("in.bin");
    Random random = new Random(42);
    byte[] block = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(input)) {
      for (long left = (long) mib << 20; left > 0; left -= block.length) {
        random.nextBytes(block);
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
    Boutiques boutiques = Boutiques.create();
    Descriptor tool = boutiques.load(boutiques.parser().parseObject("{\"name\": \"cache miss\", \"description\": \"d\","
        + " \"tool-version\": \"1\", \"schema-version\": \"0.5\", \"command-line\": \"head -c 4 [IN] > out.bin\","
        + " \"inputs\": [{\"id\": \"in\", \"name\": \"in\", \"type\": \"File\", \"value-key\": \"[IN]\"},"
        + " {\"id\": \"n\", \"name\": \"n\", \"type\": \"Number\", \"integer\": true, \"optional\": true}],"
        + " \"output-files\": [{\"id\": \"out\", \"name\": \"out\", \"path-template\": \"out.bin\"}]}", "bench"), "bench");
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<Long> cpu = new ArrayList<>();
    List<Long> read = new ArrayList<>();
    Path jobs = base.resolve("jobs");
    try (JobExecutor cached = ResultCache.in(base.resolve("cache")).wrap(JobExecutors.create(
        ExecutorConfig.builder("local").baseDirectory(jobs).build()), jobs)) {
      for (int i = 0; i <= runs; i++) {
        JobRequest request = JobRequest.builder(tool, boutiques.invocation(tool, boutiques.parser().parseObject(
            "{\"in\": \"" + input + "\", \"n\": " + i + "}", "bench"))).build();
        long cpu0 = os.getProcessCpuTime();
        long read0 = bytesRead();
        JobResult miss = cached.submit(request).await();
        long cpu1 = os.getProcessCpuTime();
        long read1 = bytesRead();
        if (!miss.succeeded() || miss.cacheHit()) {
          throw new IllegalStateException("not a miss that succeeded: " + miss);
        }
        if (i > 0) { // the first round warms up
          cpu.add(cpu1 - cpu0);
          read.add(read1 - read0);
        }
        OwnerOnly.deleteTree(miss.workDirectory());
      }
    }
    long medianRead = median(read);
    System.out.printf(Locale.ROOT, "cache miss, %d MiB input, median of %d: JVM CPU %.0f ms, read %d bytes (%.2fx the"
        + " input)%n", mib, runs, median(cpu) / 1e6, medianRead, medianRead / (double) ((long) mib << 20));
    OwnerOnly.deleteTree(base);
  }

  /** What this process read so far, by the kernel's count; -1 where there is none. */
  private static long bytesRead() throws Exception {
    Path io = Path.of("/proc/self/io");
    if (!Files.isReadable(io)) {
      return -1;
    }
    for (String line : Files.readAllLines(io)) {
      if (line.startsWith("rchar:")) {
        return Long.parseLong(line.substring(6).strip());
      }
    }
    return -1;
  }

  private static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }
}
