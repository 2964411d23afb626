package org.vipboutiques.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.gpu.GpuDevice;
import org.vipboutiques.execution.gpu.GpuInventories;
import org.vipboutiques.execution.gpu.GpuLease;
import org.vipboutiques.execution.gpu.GpuPool;
import org.vipboutiques.json.JsonObject;

/**
 * The GPU pool's cost, on four fake devices (a stand-in {@code nvidia-smi} printing four A100
 * rows): one take and release of a device (the file lock included); a local job with a one-GPU
 * {@code vip:gpu} against the same job without (medians of {@code runs}); and {@code jobs}
 * concurrent one-device jobs of {@code seconds} each, with the devices each got and whether two
 * ever shared one.
 *
 * <pre>
 * java -cp vip-boutiques-bench/target/benchmarks.jar org.vipboutiques.bench.GpuPoolOverhead [runs] [jobs] [seconds]
 * </pre>
 */
public final class GpuPoolOverhead {

  private GpuPoolOverhead() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    String seconds = args.length > 2 ? args[2] : "1";
    Path base = Files.createTempDirectory("vipb-gpu-bench");
    Path smi = base.resolve("nvidia-smi");
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      rows.append(i).append(", GPU-a1000000-0000-4000-8000-00000000000").append(i)
          .append(", NVIDIA A100-SXM4-40GB, 40960, 8.0, 535.104.05\n");
    }
    Files.writeString(smi, "#!/bin/sh\ncase \"$*\" in\n  *--query-gpu=*) cat <<'EOF'\n" + rows + "EOF\n  ;;\n"
        + "  *) echo '| NVIDIA-SMI 535.104.05   Driver Version: 535.104.05   CUDA Version: 12.2 |' ;;\nesac\n");
    Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwx------"));
    System.setProperty("vipboutiques.nvidia-smi", smi.toString());
    System.setProperty(GpuPool.DIRECTORY_PROPERTY, base.resolve("locks").toString());
    System.out.printf(Locale.ROOT, "machine: %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

    List<GpuDevice> four = GpuInventories.local().devices();
    GpuPool pool = GpuPool.forMachine();
    int takes = 20_000;
    for (int i = 0; i < takes; i++) { // warm-up
      pool.acquire(four, 1, "bench", () -> false).orElseThrow().close();
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < takes; i++) {
      GpuLease lease = pool.acquire(four, 1, "bench", () -> false).orElseThrow();
      lease.close();
    }
    System.out.printf(Locale.ROOT, "take and release one of 4 devices (file lock included): %.1f us (mean of %d)%n",
        (System.nanoTime() - t0) / 1e3 / takes, takes);

    Boutiques boutiques = Boutiques.create();
    String record = "s=$(date +%s%N); sleep " + seconds + "; e=$(date +%s%N); echo \\\"$CUDA_VISIBLE_DEVICES $s $e\\\" > r.txt";
    Descriptor plain = tool(boutiques, "true", "");
    Descriptor gpu = tool(boutiques, "true", ", \"custom\": {\"vip:gpu\": {\"count\": 1}}");
    try (JobExecutor local = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve("jobs"))
        .maxConcurrentJobs(jobs).build())) {
      List<Long> without = new ArrayList<>();
      List<Long> with = new ArrayList<>();
      for (int i = 0; i < runs + 2; i++) {
        long a = System.nanoTime();
        check(local.submit(JobRequest.builder(plain, boutiques.invocation(plain, JsonObject.EMPTY)).skipDataCollection()
            .build()).await());
        long b = System.nanoTime();
        check(local.submit(JobRequest.builder(gpu, boutiques.invocation(gpu, JsonObject.EMPTY)).skipDataCollection()
            .build()).await());
        long c = System.nanoTime();
        if (i >= 2) {
          without.add(b - a);
          with.add(c - b);
        }
      }
      System.out.printf(Locale.ROOT, "local job `true`: without vip:gpu %.2f ms, with a one-GPU vip:gpu %.2f ms"
          + " (medians of %d)%n", median(without) / 1e6, median(with) / 1e6, runs);

      Descriptor sleeper = tool(boutiques, record, ", \"custom\": {\"vip:gpu\": {\"count\": 1}}");
      long start = System.nanoTime();
      List<Job> submitted = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        submitted.add(local.submit(JobRequest.builder(sleeper, boutiques.invocation(sleeper, JsonObject.EMPTY))
            .skipDataCollection().build()));
      }
      Map<String, List<long[]>> byDevice = new TreeMap<>();
      for (Job job : submitted) {
        JobResult r = check(job.await());
        String[] f = Files.readString(r.workDirectory().resolve("r.txt")).trim().split(" ");
        byDevice.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
      double wall = (System.nanoTime() - start) / 1e9;
      int shared = 0;
      for (List<long[]> spans : byDevice.values()) {
        spans.sort(Comparator.comparingLong(s -> s[0]));
        for (int i = 1; i < spans.size(); i++) {
          if (spans.get(i)[0] < spans.get(i - 1)[1]) {
            shared++;
          }
        }
      }
      StringBuilder per = new StringBuilder();
      byDevice.forEach((k, v) -> per.append(" GPU ").append(k).append(": ").append(v.size()));
      System.out.printf(Locale.ROOT, "%d concurrent one-device jobs of %s s on 4 devices: %.2f s wall, jobs per device"
          + "%s, overlapping pairs on one device: %d%n", jobs, seconds, wall, per, shared);
    }
  }

  private static Descriptor tool(Boutiques boutiques, String command, String custom) throws Exception {
    return boutiques.load(boutiques.parser().parseObject("{\"name\": \"gpu-bench\", \"description\": \"d\","
        + " \"tool-version\": \"1\", \"schema-version\": \"0.5\", \"command-line\": \"" + command + "\","
        + " \"inputs\": [{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"optional\": true}]" + custom
        + "}", "bench"), "bench");
  }

  private static JobResult check(JobResult r) {
    if (!r.succeeded()) {
      throw new IllegalStateException("the job failed: " + r);
    }
    return r;
  }

  private static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
