package org.vipboutiques.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vipboutiques.descriptor.ContainerType;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.Durations;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.Mount;
import org.vipboutiques.retry.RetryPolicy;
import picocli.CommandLine.Option;

/** The options of commands that run tools ({@code launch}, {@code test}). */
final class ExecutionOptions {

  @Option(names = {"-x", "--executor"}, paramLabel = "NAME",
      description = "Where to run: local, docker, slurm, dirac, ... (default: docker for a descriptor with a Docker"
          + " image, else local).")
  String executor;

  @Option(names = {"-v", "--volume"}, paramLabel = "HOST:CONTAINER[:ro]",
      description = "An extra folder for the container (repeatable).")
  List<String> volumes = new ArrayList<>();

  @Option(names = "--no-container", description = "Run the command on the host even if the descriptor names a container.")
  boolean noContainer;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "Stop the tool after this long (90s, 5m, 2h). Default: 3x the descriptor's walltime-estimate.")
  String timeout;

  @Option(names = "--jobs-dir", paramLabel = "DIR", description = "Where job folders are made (default: ${DEFAULT-VALUE}).",
      defaultValue = "vip-boutiques-jobs")
  Path jobsDirectory;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Run in this folder instead of a new job folder.")
  Path workDirectory;

  @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE",
      description = "A setting of the executor (e.g. pull=never, docker-host=..., partition=gpu); repeatable.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--partition", paramLabel = "NAME", description = "Slurm partition.")
  String partition;

  @Option(names = "--account", paramLabel = "NAME", description = "Slurm account.")
  String account;

  @Option(names = "--qos", paramLabel = "NAME", description = "Slurm quality of service.")
  String qos;

  @Option(names = "--site", paramLabel = "NAME", description = "DIRAC site.")
  String site;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Keep successful runs in this folder and answer an identical job (same descriptor, invocation,"
          + " input files' content, image, environment) from it without running.")
  Path cache;

  @Option(names = "--retries", paramLabel = "N",
      description = "Run a job up to N more times when what it runs on fails (a node lost, a container killed from"
          + " outside, a grid job stalled; not the tool's own exit code unless --retry-exit-codes lists it).")
  Integer retries;

  @Option(names = "--retry-backoff", paramLabel = "DELAY[,MAX[,FACTOR]]",
      description = "The wait before a retry, growing by FACTOR up to MAX (default: 10s,5m,2).")
  String retryBackoff;

  @Option(names = "--retry-exit-codes", paramLabel = "CODE[,CODE...]",
      description = "The tool's own exit codes that are retried too (e.g. 75,137).")
  String retryExitCodes;

  @Option(names = "--cache-max-size", paramLabel = "SIZE",
      description = "With --cache: evict the least recently used runs until the cache holds at most this (500M, 10G).")
  String cacheMaxSize;

  @Option(names = "--cache-max-age", paramLabel = "AGE",
      description = "With --cache: evict runs not used for longer than this (30d, 12h).")
  String cacheMaxAge;

  @Option(names = "--max-jobs", paramLabel = "N",
      description = "The most jobs running at once (default: cores / the descriptor's cpu-cores).")
  int maxJobs;

  Map<String, String> allSettings() {
    Map<String, String> all = new LinkedHashMap<>(settings);
    if (partition != null) {
      all.put("partition", partition);
    }
    if (account != null) {
      all.put("account", account);
    }
    if (qos != null) {
      all.put("qos", qos);
    }
    if (site != null) {
      all.put("site", site);
    }
    return all;
  }

  String executorName(Descriptor descriptor) {
    if (executor != null) {
      return executor;
    }
    boolean docker = !noContainer && descriptor.containerImage().map(c -> c.type() == ContainerType.DOCKER)
        .orElse(false);
    return docker ? "docker" : "local";
  }

  JobExecutor open(Descriptor descriptor) {
    String name = executorName(descriptor);
    ExecutorConfig.Builder builder = ExecutorConfig.builder(name).baseDirectory(jobsDirectory)
        .maxConcurrentJobs(maxJobs).settings(allSettings());
    if (cache != null) {
      builder.setting("cache", cache.toString());
    }
    if (retries != null) {
      builder.setting(RetryPolicy.RETRIES, retries.toString());
    }
    if (retryBackoff != null) {
      builder.setting(RetryPolicy.BACKOFF, retryBackoff);
    }
    if (retryExitCodes != null) {
      builder.setting(RetryPolicy.EXIT_CODES, retryExitCodes);
    }
    if (cacheMaxSize != null) {
      builder.setting("cache-max-size", cacheMaxSize);
    }
    if (cacheMaxAge != null) {
      builder.setting("cache-max-age", cacheMaxAge);
    }
    ExecutorConfig config = builder.build();
    try {
      return JobExecutors.create(config);
    } catch (ExecutorUnavailableException e) {
      throw CliException.usage("cannot use the " + name + " executor: " + e.getMessage()
          + (executor == null && name.equals("docker") ? "\n(the descriptor names a Docker image; --no-container or"
              + " --executor local runs the command on this host)" : ""));
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  JobRequest.Builder apply(JobRequest.Builder b) {
    if (noContainer) {
      b.noContainer();
    }
    for (String v : volumes) {
      try {
        b.mount(Mount.parse(v));
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      }
    }
    if (timeout != null) {
      try {
        b.timeout(Durations.parse(timeout));
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--timeout: " + e.getMessage());
      }
    }
    if (workDirectory != null) {
      b.workDirectory(workDirectory);
    }
    allSettings().forEach(b::option);
    return b;
  }
}
