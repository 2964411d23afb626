package org.vipboutiques.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.json.JsonObject;

/**
 * Launch overhead, side by side in one run: the local executor against spawning the same
 * process directly, the docker executor against {@code docker run} of the same image and
 * command (medians), then many short Docker jobs at once; the podman executor against {@code
 * podman run} of the same image and command where {@code CONTAINER_HOST} names a Podman service.
 *
 * <pre>
 * eval "$(scripts/docker-up.sh)"
 * eval "$(scripts/podman-up.sh)"
 * java -cp vip-boutiques-bench/target/benchmarks.jar org.vipboutiques.bench.LaunchOverhead [runs] [burst]
 * </pre>
 */
public final class LaunchOverhead {

  private LaunchOverhead() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int burst = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    String image = System.getenv().getOrDefault("VIPB_TEST_IMAGE", "vipb-busybox:latest");
    Path base = Files.createTempDirectory("vipb-launch-bench");
    Boutiques boutiques = Boutiques.create();
    Descriptor tool = boutiques.load(boutiques.parser().parseObject("{\"name\": \"noop\", \"description\": \"d\","
        + " \"tool-version\": \"1\", \"schema-version\": \"0.5\", \"command-line\": \"true [A]\","
        + " \"container-image\": {\"type\": \"docker\", \"image\": \"" + image + "\"},"
        + " \"inputs\": [{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"value-key\": \"[A]\","
        + " \"optional\": true}]}", "noop"), "noop");
    Invocation invocation = boutiques.invocation(tool, JsonObject.EMPTY);

    System.out.printf(Locale.ROOT, "machine: %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    try (JobExecutor local = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve("local"))
        .build())) {
      for (int i = 0; i < 5; i++) {
        direct(List.of("/bin/sh", "-c", "true"));
        local.submit(JobRequest.builder(tool, invocation).build()).await();
      }
      double[] bare = new double[runs];
      double[] ours = new double[runs];
      for (int i = 0; i < runs; i++) {
        bare[i] = direct(List.of("/bin/sh", "-c", "true"));
        long t = System.nanoTime();
        JobResult r = local.submit(JobRequest.builder(tool, invocation).noContainer().build()).await();
        ours[i] = (System.nanoTime() - t) / 1e6;
        check(r);
      }
      report("local executor", "sh -c true spawned directly", median(ours), median(bare));
    }
    String podmanHost = System.getenv("CONTAINER_HOST");
    if (podmanHost == null || podmanHost.isBlank()) {
      System.out.println("podman: skipped (set CONTAINER_HOST; scripts/podman-up.sh starts a Podman service)");
    } else {
      podman(base, tool, invocation, image, runs);
    }
    String host = System.getenv("DOCKER_HOST");
    if (host == null || host.isBlank()) {
      System.out.println("docker: skipped (set DOCKER_HOST; scripts/docker-up.sh starts an engine)");
      return;
    }
    try (JobExecutor docker = JobExecutors.create(ExecutorConfig.builder("docker").baseDirectory(base.resolve("docker"))
        .setting("pull", "never").setting("limits", "false").build())) {
      for (int i = 0; i < 3; i++) {
        direct(List.of("docker", "run", "--rm", image, "true"));
        docker.submit(JobRequest.builder(tool, invocation).build()).await();
      }
      double[] bare = new double[runs];
      double[] ours = new double[runs];
      for (int i = 0; i < runs; i++) {
        bare[i] = direct(List.of("docker", "run", "--rm", "--entrypoint=/bin/sh", image, "-c", "true"));
        long t = System.nanoTime();
        JobResult r = docker.submit(JobRequest.builder(tool, invocation).build()).await();
        ours[i] = (System.nanoTime() - t) / 1e6;
        check(r);
      }
      report("docker executor", "docker run --rm of the same image and command", median(ours), median(bare));
    }
    try (JobExecutor docker = JobExecutors.create(ExecutorConfig.builder("docker").baseDirectory(base.resolve("burst"))
        .setting("pull", "never").setting("limits", "false").maxConcurrentJobs(32).build())) {
      long t = System.nanoTime();
      List<Job> jobs = new ArrayList<>();
      for (int i = 0; i < burst; i++) {
        jobs.add(docker.submit(JobRequest.builder(tool, invocation).build()));
      }
      int ok = 0;
      for (Job j : jobs) {
        ok += j.await().state() == JobState.SUCCEEDED ? 1 : 0;
      }
      double seconds = (System.nanoTime() - t) / 1e9;
      Process ps = new ProcessBuilder("docker", "ps", "-aq", "--filter", "label=org.vipboutiques=true")
          .redirectErrorStream(true).start();
      String left = new String(ps.getInputStream().readAllBytes()).trim();
      ps.waitFor();
      System.out.printf(Locale.ROOT, "%d short Docker jobs submitted at once: %d succeeded in %.1f s (%.1f jobs/s),"
          + " containers left: %d%n", burst, ok, seconds, burst / seconds, left.isEmpty() ? 0 : left.split("\\s+").length);
    }
  }

  /** The podman executor against {@code podman run --rm} of the same image and command, through the same service. */
  private static void podman(Path base, Descriptor tool, Invocation invocation, String image, int runs)
      throws Exception {
    try (JobExecutor podman = JobExecutors.create(ExecutorConfig.builder("podman").baseDirectory(base.resolve("podman"))
        .setting("pull", "never").setting("limits", "false").build())) {
      for (int i = 0; i < 3; i++) {
        direct(List.of("podman", "run", "--rm", image, "true"));
        check(podman.submit(JobRequest.builder(tool, invocation).build()).await());
      }
      double[] bare = new double[runs];
      double[] ours = new double[runs];
      for (int i = 0; i < runs; i++) {
        bare[i] = direct(List.of("podman", "run", "--rm", "--entrypoint=/bin/sh", image, "-c", "true"));
        long t = System.nanoTime();
        JobResult r = podman.submit(JobRequest.builder(tool, invocation).build()).await();
        ours[i] = (System.nanoTime() - t) / 1e6;
        check(r);
      }
      report("podman executor", "podman run --rm of the same image and command", median(ours), median(bare));
    }
  }

  private static void check(JobResult r) {
    if (r.state() != JobState.SUCCEEDED) {
      throw new IllegalStateException("a benchmark job failed: " + r);
    }
  }

  private static double direct(List<String> command) throws Exception {
    long t = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
    return (System.nanoTime() - t) / 1e6;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void report(String what, String against, double ours, double bare) {
    System.out.printf(Locale.ROOT, "%-16s median %7.2f ms vs %7.2f ms for %s: +%.2f ms, %.2fx%n", what, ours, bare,
        against, ours - bare, ours / bare);
  }
}
