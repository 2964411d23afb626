package org.vipboutiques.slurm.script;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.vipboutiques.commandline.ShellQuoting;
import org.vipboutiques.descriptor.ContainerImage;
import org.vipboutiques.descriptor.ContainerType;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.descriptor.SuggestedResources;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.container.ContainerOptionWords;
import org.vipboutiques.execution.container.OptionAllowance;
import org.vipboutiques.execution.Mount;
import org.vipboutiques.execution.job.JobFolder;
import org.vipboutiques.execution.job.PreparedJob;

/**
 * The batch script Slurm runs for one job, or for a job array of many jobs of one descriptor.
 * Its {@code #SBATCH} lines ask for what the descriptor suggests ({@code cpu-cores},
 * {@code ram}, the timeout derived from {@code walltime-estimate}, GPUs) and what the options
 * say (partition, account, QoS, ...). Its body enters the job folder (in an array, the one at
 * index {@code SLURM_ARRAY_TASK_ID}), loads the job's environment, runs the tool's command
 * script in the tool's container when the node has Docker or Apptainer (else on the host), and
 * writes the tool's exit code to {@value #EXIT_CODE_FILE} in the job folder, so that the result
 * is known even where Slurm keeps no accounting and has forgotten the job.
 *
 * <p>Values reach the shell only single-quoted; option values were checked by {@link JobOptions}.
 */
public final class BatchScript {

  /** The batch script, in the job folder (or the array folder). */
  public static final String FILE = ".vipb-slurm.sh";
  /** The job's environment variables, as {@code export} lines, in each job folder. */
  public static final String ENVIRONMENT_FILE = ".vipb-env.sh";
  /** The tool's exit code, written by the batch script when the tool ends by itself. */
  public static final String EXIT_CODE_FILE = ".vipb-exit-code";
  /** The container command the batch script ran, when it used one. */
  public static final String CONTAINER_COMMAND_FILE = ".vipb-container-command";
  /** Slurm's own output and error files of a job (the batch script's messages, Slurm's notices). */
  public static final String SLURM_OUT = ".vipb-slurm.out";
  public static final String SLURM_ERR = ".vipb-slurm.err";
  /** The exit code of the batch script when it could not run the tool at all. */
  public static final int SETUP_FAILED = 125;
  /** What the batch script's own messages start with, on its error stream. */
  public static final String MESSAGE_PREFIX = "vip-boutiques: ";

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private BatchScript() {}

  /** Slurm's error file of array task {@code task}, in the array folder. */
  public static String arrayTaskErr(int task) {
    return ".vipb-slurm-" + task + ".err";
  }

  /**
   * The script for {@code jobs}: one job, or an array of them (all of one descriptor, with the
   * same options and timeout; the first job's are used).
   *
   * @param withGpu whether to ask for the descriptor's GPUs (false to run a GPU-preferring tool
   *     where none can be had)
   * @throws JobRejectedException when the job cannot be expressed as asked (a container mode
   *     that does not fit the image)
   */
  public static String of(List<PreparedJob> jobs, String jobName, JobOptions options, boolean withGpu)
      throws JobRejectedException {
    return of(jobs, jobName, options, withGpu, Set.of());
  }

  /**
   * The script for {@code jobs}, whose descriptor's {@code container-opts} may do what
   * {@code allowed} permits (the executor's {@value OptionAllowance#SETTING} setting).
   *
   * @throws JobRejectedException also for {@code container-opts} the policy refuses
   */
  public static String of(List<PreparedJob> jobs, String jobName, JobOptions options, boolean withGpu,
      Set<OptionAllowance> allowed) throws JobRejectedException {
    if (jobs.isEmpty()) {
      throw new IllegalArgumentException("no job to write a script for");
    }
    PreparedJob first = jobs.get(0);
    Descriptor d = first.request().descriptor();
    boolean array = jobs.size() > 1;
    Optional<GpuRequirement> gpu = withGpu ? d.gpu() : Optional.empty();
    StringBuilder sb = new StringBuilder("#!/bin/bash\n");
    Optional<Integer> arraySize = array ? Optional.of(jobs.size()) : Optional.empty();
    for (String line : sbatchOptions(first, jobName, options, gpu, arraySize)) {
      sb.append("#SBATCH ").append(line).append('\n');
    }
    sb.append("#\n# Written by vip-boutiques for the tool \"").append(comment(d.name())).append("\"")
        .append(array ? ", " + jobs.size() + " jobs in an array" : "").append(".\n")
        .append("# Each job runs the command script ").append(JobFolder.SCRIPT)
        .append(" of its job folder, in the tool's container where the node\n")
        .append("# has Docker or Apptainer, and leaves the tool's exit code in ").append(EXIT_CODE_FILE)
        .append(".\n# Run again by hand with: sbatch ").append(FILE).append("\n\n");
    if (array) {
      sb.append("folders=(\n");
      for (PreparedJob j : jobs) {
        sb.append("  ").append(quote(j.folder().toString())).append('\n');
      }
      sb.append(")\ndir=${folders[${SLURM_ARRAY_TASK_ID:-0}]}\n");
    } else {
      sb.append("dir=").append(quote(first.folder().toString())).append('\n');
    }
    sb.append("cd -- \"$dir\" || { echo \"").append(MESSAGE_PREFIX)
        .append("cannot enter the job folder $dir on $(hostname): is it on a file system this node shares?\" >&2;")
        .append(" exit ").append(SETUP_FAILED).append("; }\n");
    // The job's own files are its user's alone (0600); the tool itself runs with the submitter's umask.
    sb.append("tool_umask=$(umask)\numask 077\n");
    // A tool (an earlier run's, or in a container as root) may have left links at these names:
    // removed, then made new under noclobber (O_EXCL), so nothing is written through a link.
    sb.append("rm -f ").append(EXIT_CODE_FILE).append(' ').append(EXIT_CODE_FILE).append(".tmp ")
        .append(CONTAINER_COMMAND_FILE).append(' ').append(JobFolder.STDOUT).append(' ').append(JobFolder.STDERR)
        .append("\nset -C\n");
    sb.append(": >").append(JobFolder.STDOUT).append("; : >").append(JobFolder.STDERR).append('\n');
    sb.append("if [ -f ").append(ENVIRONMENT_FILE).append(" ]; then . ./").append(ENVIRONMENT_FILE).append("; fi\n");
    sb.append(runtime(first, options, gpu, environmentNames(jobs), allowed));
    sb.append("[ \"$runtime\" = host ] || printf '%q ' \"${cmd[@]}\" > ").append(CONTAINER_COMMAND_FILE).append('\n');
    sb.append("umask \"$tool_umask\"\n");
    sb.append("\"${cmd[@]}\" <").append("/dev/null >>").append(JobFolder.STDOUT).append(" 2>>").append(JobFolder.STDERR)
        .append(" &\n");
    sb.append("wait $!\ncode=$?\numask 077\n");
    sb.append("# Written last and renamed into place: its presence means that the tool ended by itself.\n");
    sb.append("rm -f ").append(EXIT_CODE_FILE).append(".tmp\n");
    sb.append("echo \"$code\" > ").append(EXIT_CODE_FILE).append(".tmp && mv -f ").append(EXIT_CODE_FILE)
        .append(".tmp ").append(EXIT_CODE_FILE).append('\n');
    sb.append("exit \"$code\"\n");
    return sb.toString();
  }

  /**
   * The {@code #SBATCH} options, without the {@code #SBATCH } prefix.
   *
   * @param arraySize the number of jobs of an array, empty for one job
   */
  public static List<String> sbatchOptions(PreparedJob job, String jobName, JobOptions options,
      Optional<GpuRequirement> gpu, Optional<Integer> arraySize) {
    List<String> lines = new ArrayList<>();
    lines.add("--job-name=" + safeName(jobName));
    if (arraySize.isPresent()) {
      lines.add("--array=0-" + (arraySize.get() - 1) + options.arrayLimit().map(n -> "%" + n).orElse(""));
      lines.add("--output=.vipb-slurm-%a.out");
      lines.add("--error=.vipb-slurm-%a.err");
    } else {
      lines.add("--output=" + SLURM_OUT);
      lines.add("--error=" + SLURM_ERR);
    }
    Optional<SuggestedResources> r = job.request().descriptor().suggestedResources();
    r.flatMap(SuggestedResources::nodes).filter(n -> n > 0).ifPresent(n -> lines.add("--nodes=" + n));
    r.flatMap(SuggestedResources::cpuCores).filter(n -> n > 0).ifPresent(n -> lines.add("--cpus-per-task=" + n));
    r.flatMap(SuggestedResources::ramGb).filter(g -> g > 0)
        .ifPresent(g -> lines.add("--mem=" + (long) Math.ceil(g * 1024) + "M"));
    job.timeout().ifPresent(t -> lines.add("--time=" + time(t)));
    gpu.ifPresent(g -> lines.addAll(gpuOptions(g, options.gpuFlag())));
    options.partition().ifPresent(v -> lines.add("--partition=" + v));
    options.account().ifPresent(v -> lines.add("--account=" + v));
    options.qos().ifPresent(v -> lines.add("--qos=" + v));
    options.constraint().ifPresent(v -> lines.add("--constraint=" + v));
    options.reservation().ifPresent(v -> lines.add("--reservation=" + v));
    lines.add(options.requeue() ? "--requeue" : "--no-requeue");
    // Given last: sbatch takes the last of a repeated option, so these can override the above.
    options.extraSbatch().forEach((k, v) -> lines.add("--" + k + (v.isEmpty() ? "" : "=" + v)));
    return lines;
  }

  /**
   * The GPU request: {@code --gres=gpu[:TYPE]:N} or {@code --gpus=[TYPE:]N}. A tool that wants
   * every device of its node also gets {@code --exclusive} (Slurm cannot ask for "all GPUs").
   */
  public static List<String> gpuOptions(GpuRequirement gpu, GpuFlag flag) {
    String type = gpu.type().map(t -> t.replaceAll("[^A-Za-z0-9._-]", "")).filter(t -> !t.isEmpty()).orElse("");
    int count = gpu.count();
    List<String> out = new ArrayList<>();
    if (flag == GpuFlag.GRES) {
      out.add("--gres=gpu:" + (type.isEmpty() ? "" : type + ":") + count);
    } else {
      out.add("--gpus=" + (type.isEmpty() ? "" : type + ":") + count);
    }
    if (gpu.allDevices()) {
      out.add("--exclusive");
    }
    return out;
  }

  /** A Slurm time limit, {@code D-HH:MM:SS}, rounded up to the minute (Slurm keeps minutes). */
  public static String time(Duration timeout) {
    long minutes = Math.max(1, (timeout.toMillis() + 59_999) / 60_000);
    long days = minutes / (24 * 60);
    long h = (minutes / 60) % 24;
    long m = minutes % 60;
    return String.format(Locale.ROOT, "%d-%02d:%02d:00", days, h, m);
  }

  /**
   * The {@code export} lines of a job's environment, for {@value #ENVIRONMENT_FILE}.
   *
   * @throws JobRejectedException for a variable name a shell cannot export
   */
  public static String environmentFile(Map<String, String> environment) throws JobRejectedException {
    StringBuilder sb = new StringBuilder("# The tool's environment, written by vip-boutiques.\n");
    for (Map.Entry<String, String> e : environment.entrySet()) {
      if (!ENV_NAME.matcher(e.getKey()).matches()) {
        throw new JobRejectedException("environment variable \"" + e.getKey() + "\" cannot be set by a shell;"
            + " use letters, digits and _ (not first a digit)");
      }
      sb.append("export ").append(e.getKey()).append('=').append(quote(e.getValue())).append('\n');
    }
    return sb.toString();
  }

  private static Set<String> environmentNames(List<PreparedJob> jobs) {
    Set<String> names = new LinkedHashSet<>();
    for (PreparedJob j : jobs) {
      names.addAll(j.environment().keySet());
    }
    return names;
  }

  /** The lines that choose where the tool runs and build its command in {@code cmd}. */
  private static String runtime(PreparedJob job, JobOptions options, Optional<GpuRequirement> gpu,
      Set<String> envNames, Set<OptionAllowance> allowed) throws JobRejectedException {
    Descriptor d = job.request().descriptor();
    String shell = quote(d.shell());
    String host = "cmd=(" + shell + " ./" + JobFolder.SCRIPT + ")\n";
    Optional<ContainerImage> image = d.containerImage()
        .filter(c -> c.type() != ContainerType.ROOTFS && c.image().isPresent());
    ContainerMode mode = job.request().useContainer() ? options.container() : ContainerMode.NONE;
    if (image.isEmpty() || mode == ContainerMode.NONE) {
      return "runtime=host\n" + host;
    }
    ContainerImage c = image.get();
    boolean dockerImage = c.type() == ContainerType.DOCKER;
    if (mode == ContainerMode.DOCKER && !dockerImage) {
      throw new JobRejectedException("container=docker, but the descriptor's image " + c.image().get()
          + " is a Singularity image; use container=apptainer or auto");
    }
    StringBuilder sb = new StringBuilder();
    String none = "echo \"" + MESSAGE_PREFIX + "no %s on $(hostname) (container=%s)\" >&2; exit " + SETUP_FAILED;
    switch (mode) {
      case DOCKER -> sb.append("runtime=docker\ncommand -v docker >/dev/null 2>&1 || { ")
          .append(String.format(Locale.ROOT, none, "docker command", "docker")).append("; }\n");
      case APPTAINER -> sb.append("if command -v apptainer >/dev/null 2>&1; then runtime=apptainer\n")
          .append("elif command -v singularity >/dev/null 2>&1; then runtime=singularity\n")
          .append("else ").append(String.format(Locale.ROOT, none, "apptainer or singularity command", "apptainer"))
          .append("\nfi\n");
      default -> {
        sb.append("runtime=host\n");
        if (dockerImage) {
          sb.append("if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then runtime=docker\n")
              .append("elif");
        } else {
          sb.append("if");
        }
        sb.append(" command -v apptainer >/dev/null 2>&1; then runtime=apptainer\n")
            .append("elif command -v singularity >/dev/null 2>&1; then runtime=singularity\n")
            .append("else echo \"").append(MESSAGE_PREFIX).append("no Docker or Apptainer on $(hostname):")
            .append(" the command runs on the host, not in ").append(comment(c.image().get())).append("\" >&2\n")
            .append("fi\n");
      }
    }
    List<String> opts = containerOptions(job.request(), options, allowed);
    sb.append("case $runtime in\n");
    if (dockerImage) {
      sb.append("  docker)\n");
      sb.append("    cname=\"vipb-${SLURM_JOB_ID:-$$}\"\n");
      StringBuilder run = new StringBuilder("docker run --rm --name \"$cname\" --entrypoint " + shell);
      options.dockerUser().ifPresent(u -> run.append(" --user ")
          .append(u.equals(JobOptions.DOCKER_USER_AUTO) ? "\"$(id -u):$(id -g)\"" : quote(u)));
      run.append(" -v \"$dir:$dir\" -w \"$dir\" -e \"HOME=$dir\"");
      for (String name : envNames) {
        // -e NAME without a value: docker copies it from this script's environment, where .vipb-env.sh put it.
        run.append(" -e ").append(name);
      }
      for (Mount m : job.request().mounts()) {
        run.append(" -v ").append(quote(m.host() + ":" + m.container() + (m.readOnly() ? ":ro" : "")));
      }
      if (gpu.isPresent()) {
        // Slurm names the GPUs it gave the job by their host indices in SLURM_JOB_GPUS.
        sb.append("    gpus=${SLURM_JOB_GPUS:-${CUDA_VISIBLE_DEVICES:-}}\n")
            .append("    if [ -n \"$gpus\" ]; then gpus=\"\\\"device=$gpus\\\"\"; else gpus=all; fi\n");
        run.append(" --gpus \"$gpus\"");
      }
      for (String o : opts) {
        run.append(' ').append(quote(o));
      }
      run.append(' ').append(quote(c.image().get())).append(" \"$dir/").append(JobFolder.SCRIPT).append('"');
      sb.append("    cmd=(").append(run).append(")\n");
      sb.append("    # Slurm signals this script on scancel and at the time limit; the container is not its child.\n");
      sb.append("    trap 'docker rm -f \"$cname\" >/dev/null 2>&1; exit 143' TERM INT\n");
      sb.append("    ;;\n");
    }
    sb.append("  apptainer|singularity)\n");
    StringBuilder run = new StringBuilder("\"$runtime\" exec");
    if (gpu.isPresent()) {
      run.append(" --nv");
    }
    run.append(" --bind \"$dir\" --pwd \"$dir\"");
    for (Mount m : job.request().mounts()) {
      run.append(" --bind ").append(quote(m.host() + ":" + m.container() + (m.readOnly() ? ":ro" : "")));
    }
    if (!dockerImage) {
      for (String o : opts) {
        run.append(' ').append(quote(o));
      }
    }
    run.append(' ').append(quote(apptainerImage(c))).append(' ').append(shell).append(" \"$dir/")
        .append(JobFolder.SCRIPT).append('"');
    sb.append("    cmd=(").append(run).append(")\n    ;;\n");
    sb.append("  *)\n    ").append(host).append("    ;;\nesac\n");
    return sb.toString();
  }

  /** The image as Apptainer names it: {@code docker://IMAGE} for a Docker image. */
  static String apptainerImage(ContainerImage c) {
    String image = c.image().orElseThrow();
    if (image.contains("://") || image.startsWith("/") || image.endsWith(".sif") || image.endsWith(".simg")) {
      return image;
    }
    if (c.type() == ContainerType.DOCKER) {
      return "docker://" + image;
    }
    String index = c.index().orElse("shub://");
    return index.contains("://") ? index + image : index + "/" + image;
  }

  /**
   * The descriptor's {@code container-opts} the script passes to the container command, checked
   * against the {@value OptionAllowance#SETTING} policy (in Docker's syntax for a Docker image,
   * Apptainer's for a Singularity one); none when no container is used or, for a Docker image
   * that {@code container=apptainer} runs, when they are not passed. Checked by the executor before
   * any job folder is made.
   *
   * @throws JobRejectedException naming the option the policy refuses and the setting that allows it
   */
  public static List<String> containerOptions(JobRequest request, JobOptions options, Set<OptionAllowance> allowed)
      throws JobRejectedException {
    Optional<ContainerImage> image = request.descriptor().containerImage()
        .filter(c -> c.type() != ContainerType.ROOTFS && c.image().isPresent());
    ContainerMode mode = request.useContainer() ? options.container() : ContainerMode.NONE;
    if (image.isEmpty() || mode == ContainerMode.NONE
        || mode == ContainerMode.APPTAINER && image.get().type() == ContainerType.DOCKER) {
      return List.of();
    }
    return containerOptions(ContainerOptionWords.of(image.get(), allowed, "slurm"));
  }

  /**
   * Checked container options without the GPU ones (the script adds its own from the GPU
   * requirement): {@code --gpus X}, {@code --gpus=X}, {@code --runtime=nvidia}, {@code --nv}.
   */
  static List<String> containerOptions(List<String> words) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("--gpus") || w.equals("--runtime")) {
        i++;
      } else if (!w.startsWith("--gpus=") && !w.startsWith("--runtime=") && !w.equals("--nv")) {
        out.add(w);
      }
    }
    return out;
  }

  /** A job name Slurm prints well: letters, digits, {@code . _ -}, at most 64 characters. */
  public static String safeName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_");
    if (safe.isEmpty()) {
      safe = "vipb";
    }
    return safe.length() > 64 ? safe.substring(0, 64) : safe;
  }

  private static String quote(String s) {
    return ShellQuoting.quote(s);
  }

  /** Text for a comment or a double-quoted message: no line breaks, quotes or expansions. */
  private static String comment(String s) {
    return s.replaceAll("[\\r\\n\"`$\\\\]", "_");
  }

  /** The folder of a job's Slurm error file: the job folder, or the array folder. */
  public static Path slurmErrFile(Path folder, Optional<Integer> arrayTask) {
    return folder.resolve(arrayTask.map(BatchScript::arrayTaskErr).orElse(SLURM_ERR));
  }

  /** A job's Slurm output file: in the job folder, or the array folder. */
  public static Path slurmOutFile(Path folder, Optional<Integer> arrayTask) {
    return folder.resolve(arrayTask.map(t -> ".vipb-slurm-" + t + ".out").orElse(SLURM_OUT));
  }
}
