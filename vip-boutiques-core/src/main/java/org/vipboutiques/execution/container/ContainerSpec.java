package org.vipboutiques.execution.container;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.Mount;
import org.vipboutiques.execution.job.PreparedJob;

/**
 * Everything the container of one job is made of, decided before anything is created, whatever
 * engine runs it: the image, the descriptor's shell as entrypoint and the command script as
 * command, the job folder mounted at its own path as the working directory, File inputs outside
 * it mounted read-only at their own paths, {@code HOME} the job folder, the environment, the user,
 * CPU and memory limits from {@code suggested-resources}, the {@code container-opts}, the GPU
 * need, and the {@linkplain ContainerLabels labels}. A back end maps it to its engine's calls.
 *
 * @param cpuCores whole CPUs, when limits are on and the descriptor suggests them
 * @param memoryBytes memory, when limits are on and the descriptor suggests it
 * @param gpu the GPUs asked for, empty when the job runs without
 */
public record ContainerSpec(
    String image,
    String entrypoint,
    List<String> command,
    String workingDirectory,
    Map<String, String> environment,
    List<Mount> mounts,
    Optional<String> user,
    Optional<Integer> cpuCores,
    Optional<Long> memoryBytes,
    ContainerOptions options,
    Optional<GpuRequirement> gpu,
    Map<String, String> labels) {

  public ContainerSpec {
    Objects.requireNonNull(image, "image");
    command = List.copyOf(command);
    environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    mounts = List.copyOf(mounts);
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /**
   * The settings every container executor reads the same way.
   *
   * @param executor the executor's name, for messages
   * @param imageOverride the {@code image} setting: every descriptor runs in it (offline tests)
   * @param user the {@code user} setting: the caller's {@code uid:gid} by default, empty for {@code
   *     image} (the image's own user)
   * @param limits the {@code limits} setting ({@code true} unless {@code false})
   * @param allowed what the {@value OptionAllowance#SETTING} setting lets {@code container-opts} do
   */
  public record Settings(String executor, Optional<String> imageOverride, Optional<String> user, boolean limits,
      Set<OptionAllowance> allowed) {

    public Settings {
      allowed = Set.copyOf(allowed);
    }

    /** @throws ExecutorUnavailableException for a {@value OptionAllowance#SETTING} value that is no allowance */
    public static Settings of(ExecutorConfig config) throws ExecutorUnavailableException {
      boolean imageUser = config.setting("user").filter("image"::equals).isPresent();
      Optional<String> user = imageUser ? Optional.empty() : config.setting("user").or(Settings::callingUser);
      return new Settings(config.name(), config.setting("image"), user,
          config.setting("limits").filter("false"::equalsIgnoreCase).isEmpty(), OptionAllowance.of(config));
    }

    /** The calling process's {@code uid:gid}, where the platform says it. */
    public static Optional<String> callingUser() {
      try {
        com.sun.security.auth.module.UnixSystem unix = new com.sun.security.auth.module.UnixSystem();
        return Optional.of(unix.getUid() + ":" + unix.getGid());
      } catch (RuntimeException | LinkageError e) {
        return Optional.empty();
      }
    }
  }

  /**
   * The container of a job.
   *
   * @param gpuFits false when the machine's pre-flight sent a {@code policy: preferred} tool to the
   *     CPU: no GPU is asked for
   * @throws JobRejectedException when the descriptor names no image, or its image, environment,
   *     mounts or {@code container-opts} cannot be given to a container as they are
   */
  public static ContainerSpec of(PreparedJob job, Settings settings, boolean gpuFits) throws JobRejectedException {
    Descriptor d = job.request().descriptor();
    String image = settings.imageOverride().or(() -> d.containerImage().flatMap(c -> c.image()))
        .orElseThrow(() -> new JobRejectedException("the descriptor names no container image; use the local executor,"
            + " or --no-container"));
    refuseOptionLike(image);
    ContainerOptions options = ContainerOptions.parse(d.containerImage().map(c -> c.containerOpts()).orElse(List.of()),
        settings.allowed(), settings.executor());
    String folder = job.folder().toString();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", folder);
    // Values written for a shell (the reference runs the engine's run command through one) name the working folder.
    options.environment().forEach((k, v) -> env.put(k, v.replace("${PWD}", folder).replace("$PWD", folder)));
    env.putAll(job.environment());
    for (String variable : env.keySet()) {
      refuseBadVariableName(variable);
    }
    List<Mount> mounts = new ArrayList<>();
    mounts.add(new Mount(job.folder(), folder, false));
    mounts.addAll(options.mounts());
    mounts.addAll(job.request().mounts());
    for (Path input : job.inputFiles()) {
      if (!input.startsWith(job.folder()) && mounts.stream().noneMatch(m -> m.container().equals(input.toString()))) {
        mounts.add(new Mount(input, input.toString(), true));
      }
    }
    for (Mount m : mounts) {
      if (m.host().toString().contains(":") || m.container().contains(":")) {
        throw new JobRejectedException("the " + settings.executor() + " executor cannot mount " + m.host() + " at "
            + m.container() + ": a container engine's volume syntax (HOST:CONTAINER:MODE) cannot hold a path with"
            + " ':'; rename it");
      }
    }
    Optional<Integer> cpus = Optional.empty();
    Optional<Long> memory = Optional.empty();
    if (settings.limits()) {
      cpus = d.suggestedResources().flatMap(r -> r.cpuCores());
      memory = d.suggestedResources().flatMap(r -> r.ramGb()).filter(g -> g > 0)
          .map(g -> (long) Math.ceil(g * (1L << 30)));
    }
    Optional<String> user = options.user().or(settings::user);
    return new ContainerSpec(image, d.shell(), List.of(job.script().toString()), folder, env, mounts, user, cpus,
        memory, options, d.gpu().filter(g -> gpuFits), ContainerLabels.of(job.folder()));
  }

  /** The same container without GPUs (a tool whose need allows the CPU, where none can be given). */
  public ContainerSpec withoutGpu() {
    return new ContainerSpec(image, entrypoint, command, workingDirectory, environment, mounts, user, cpuCores,
        memoryBytes, options, Optional.empty(), labels);
  }

  /** The same container on these devices (UUIDs or indices) of the machine's pool, instead of any. */
  public ContainerSpec onDevices(List<String> deviceIds) {
    Optional<GpuRequirement> pinned = gpu.map(g -> new GpuRequirement(deviceIds.size(), false, Optional.empty(),
        g.minMemoryGb(), g.cudaVersionMin(), g.computeCapabilities(), g.type(), deviceIds, g.policy(), g.source()));
    return new ContainerSpec(image, entrypoint, command, workingDirectory, environment, mounts, user, cpuCores,
        memoryBytes, options, pinned, labels);
  }

  /**
   * Refuses an image name an engine's command line would read as something else: one starting
   * with {@code -} is parsed as an option of {@code run} (an image {@code --privileged} would grant
   * the container every capability), whitespace or a control character is no image reference.
   */
  public static void refuseOptionLike(String image) throws JobRejectedException {
    if (image.isEmpty() || image.startsWith("-") || image.codePoints().anyMatch(c -> Character.isWhitespace(c)
        || Character.isISOControl(c))) {
      throw new JobRejectedException("the container image \"" + printable(image) + "\" is not an image name (empty,"
          + " starting with '-', or holding spaces or control characters); fix container-image.image or the image"
          + " setting");
    }
  }

  /** An environment variable's name cannot hold '=' (the engine would set another variable) nor control characters. */
  public static void refuseBadVariableName(String name) throws JobRejectedException {
    if (name.isEmpty() || name.indexOf('=') >= 0 || name.codePoints().anyMatch(Character::isISOControl)) {
      throw new JobRejectedException("the environment variable name \"" + printable(name) + "\" is empty or holds '='"
          + " or a control character; rename it");
    }
  }

  private static String printable(String s) {
    String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    StringBuilder sb = new StringBuilder();
    t.codePoints().forEach(c -> {
      if (Character.isISOControl(c)) {
        sb.append(String.format("\\u%04x", c));
      } else {
        sb.appendCodePoint(c);
      }
    });
    return sb.toString();
  }
}
