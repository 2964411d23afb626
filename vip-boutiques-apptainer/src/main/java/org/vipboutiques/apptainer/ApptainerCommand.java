package org.vipboutiques.apptainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vipboutiques.commandline.ShellQuoting;
import org.vipboutiques.descriptor.ContainerImage;
import org.vipboutiques.descriptor.ContainerType;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.container.OptionAllowance;
import org.vipboutiques.execution.container.SingularityOptions;
import org.vipboutiques.execution.gpu.GpuPlan;
import org.vipboutiques.execution.Mount;
import org.vipboutiques.execution.job.PreparedJob;
import org.vipboutiques.process.ProcessLauncher;

/**
 * The command the reference builds for Singularity/Apptainer, as an argument list:
 * {@code apptainer exec --cleanenv -B <mounts> -W <folder> [--nv] [container-opts] <image> <shell>
 * <script>}: the job folder and each File input bound at their own paths, the descriptor's
 * environment passed as {@code APPTAINERENV_*}/{@code SINGULARITYENV_*}, {@code --nv} for tools
 * that need a GPU. Images are {@code .sif}/{@code .simg} files named as the reference names them
 * ({@code owner-name-tag.simg}) in the image folder, pulled there when missing.
 */
final class ApptainerCommand implements ProcessLauncher {

  private static final Pattern INDEX = Pattern.compile("^[a-zA-Z0-9]+://");

  private final String binary;
  private final Path imageDirectory;
  private final boolean pull;
  private final Set<OptionAllowance> allowed;

  ApptainerCommand(String binary, Path imageDirectory, boolean pull, Set<OptionAllowance> allowed) {
    this.binary = binary;
    this.imageDirectory = imageDirectory;
    this.pull = pull;
    this.allowed = Set.copyOf(allowed);
  }

  /** The {@code container-opts} of a Singularity image, checked before the job folder is made. */
  @Override
  public void check(JobRequest request) throws JobRejectedException {
    Optional<ContainerImage> container = request.descriptor().containerImage();
    if (container.isPresent()) {
      containerOptions(container.get());
    }
  }

  /**
   * A Singularity image's {@code container-opts}, checked against the {@value OptionAllowance#SETTING}
   * policy, as separate arguments; a Docker image's are Docker's and not passed.
   */
  private List<String> containerOptions(ContainerImage container) throws JobRejectedException {
    return container.type() == ContainerType.SINGULARITY
        ? SingularityOptions.parse(container.containerOpts(), allowed, "apptainer") : List.of();
  }

  @Override
  public Launch launch(PreparedJob job) throws JobRejectedException {
    Descriptor d = job.request().descriptor();
    ContainerImage container = d.containerImage().orElseThrow(() -> new JobRejectedException(
        "the descriptor names no container image; use the local executor"));
    if (container.type() == ContainerType.ROOTFS) {
      throw new JobRejectedException("rootfs images are not run by vip-boutiques");
    }
    Path image = image(container);
    String folder = job.folder().toString();
    List<String> command = new ArrayList<>(List.of(binary, "exec", "--cleanenv"));
    for (Mount m : mounts(job)) {
      command.add("-B");
      command.add(m.host() + ":" + m.container() + (m.readOnly() ? ":ro" : ""));
    }
    command.add("-W");
    command.add(folder);
    command.add("--pwd");
    command.add(folder);
    List<String> options = containerOptions(container);
    if (d.gpu().isPresent() && !options.contains("--nv")) {
      command.add("--nv");
    }
    command.addAll(options);
    command.add(image.toString());
    command.add(job.shell());
    command.add(job.script().toString());
    Map<String, String> env = new LinkedHashMap<>();
    job.environment().forEach((k, v) -> {
      env.put("APPTAINERENV_" + k, v);
      env.put("SINGULARITYENV_" + k, v);
    });
    env.put("APPTAINERENV_HOME", folder);
    StringBuilder display = new StringBuilder();
    job.environment().forEach((k, v) -> display.append("SINGULARITYENV_").append(k).append('=')
        .append(ShellQuoting.quote(v)).append(' '));
    command.forEach(c -> display.append(ShellQuoting.quote(c)).append(' '));
    return new Launch(command, env, Optional.of(display.toString().trim()));
  }

  /** The local image file; pulled into the image folder when missing and allowed. */
  Path image(ContainerImage container) throws JobRejectedException {
    String name = container.image().orElseThrow();
    String index = container.index().orElse("");
    Matcher m = INDEX.matcher(name);
    if (m.find()) {
      index = m.group();
      name = name.substring(index.length());
    }
    if (container.type() == ContainerType.DOCKER) {
      index = "docker://" + (index.isEmpty() || index.equals("docker://") ? "" : index);
    }
    if (index.isEmpty()) {
      index = "shub://";
    }
    if (!index.endsWith("/")) {
      index = index + "/";
    }
    String fileName = name.replace("/", "-").replace(":", "-") + ".simg";
    for (String candidate : List.of(fileName, fileName.replaceFirst("\\.simg$", ".sif"))) {
      Path p = imageDirectory.resolve(candidate);
      if (Files.exists(p)) {
        return p;
      }
    }
    Path target = imageDirectory.resolve(fileName);
    if (!pull) {
      throw new JobRejectedException("the image " + target + " is missing and pulling is off (pull=never); pull it with "
          + binary + " pull --name " + fileName + " " + index + name);
    }
    ImagePull.pull(binary, imageDirectory, fileName, index + name);
    return target;
  }

  private static List<Mount> mounts(PreparedJob job) {
    Set<Mount> mounts = new LinkedHashSet<>(job.request().mounts());
    mounts.add(new Mount(job.folder(), job.folder().toString(), false));
    for (Path input : job.inputFiles()) {
      if (!input.startsWith(job.folder())) {
        mounts.add(new Mount(input, input.toString(), true));
      }
    }
    return new ArrayList<>(mounts);
  }

  /** Apptainer may see devices through its own set-up ({@code --nv}, {@code --nvccli}): unchecked when unreadable. */
  @Override
  public GpuPlan.Unknown gpusUnknown() {
    return GpuPlan.Unknown.LEFT_TO_RUNTIME;
  }

  /**
   * {@code --cleanenv} passes nothing through, so the devices are said as {@code APPTAINERENV_}
   * and {@code SINGULARITYENV_} variables; {@code --nvccli} reads {@code NVIDIA_VISIBLE_DEVICES} on
   * the host, and the plain variables stay for {@code --nv} set-ups that read the host's.
   */
  @Override
  public Map<String, String> gpuEnvironment(Map<String, String> cuda) {
    Map<String, String> env = new LinkedHashMap<>(cuda);
    cuda.forEach((k, v) -> {
      env.put("APPTAINERENV_" + k, v);
      env.put("SINGULARITYENV_" + k, v);
    });
    if (cuda.containsKey("CUDA_VISIBLE_DEVICES")) {
      String visible = cuda.get("CUDA_VISIBLE_DEVICES");
      env.put("NVIDIA_VISIBLE_DEVICES", visible.isEmpty() ? "void" : visible);
    }
    return env;
  }
}
