package org.vipboutiques.apptainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorFactory;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.container.OptionAllowance;
import org.vipboutiques.process.ProcessExecutor;

/**
 * The {@code apptainer} executor (also answers to {@code singularity}): tools in their
 * Apptainer/Singularity containers, when {@code apptainer} or {@code singularity} is on the PATH.
 * Settings: {@code binary} (the command to use), {@code image-dir} (where {@code .simg}/{@code .sif}
 * images are; default: the jobs folder), {@code pull} ({@code never} to refuse pulling).
 */
public final class ApptainerExecutorFactory implements ExecutorFactory {

  @Override
  public String name() {
    return "apptainer";
  }

  @Override
  public String description() {
    return "the descriptor's image with Apptainer/Singularity (apptainer exec, --nv for GPUs)";
  }

  /**
   * {@code binary} (apptainer or singularity), {@code image-dir} (the SIF cache), {@code pull} ({@code never}),
   * {@code container-opts-allow} (what a Singularity image's {@code container-opts} may do beyond the job folder).
   */
  @Override
  public Set<String> knownSettings() {
    return Set.of("binary", "image-dir", "pull", OptionAllowance.SETTING);
  }

  @Override
  public Optional<JobExecutor> create(ExecutorConfig config) throws ExecutorUnavailableException {
    if (!config.name().equals("apptainer") && !config.name().equals("singularity")) {
      return Optional.empty();
    }
    String binary = config.setting("binary").or(() -> onPath("apptainer")).or(() -> onPath("singularity"))
        .orElseThrow(() -> new ExecutorUnavailableException("neither apptainer nor singularity is on the PATH here;"
            + " install Apptainer (https://apptainer.org) or use the docker executor"));
    Path images = config.setting("image-dir").map(Path::of).orElse(config.baseDirectory()).toAbsolutePath();
    boolean pull = !config.setting("pull").filter("never"::equals).isPresent();
    Set<OptionAllowance> allowed = OptionAllowance.of(config);
    return Optional.of(new ProcessExecutor(config.name(), config, new ApptainerCommand(binary, images, pull, allowed)));
  }

  static Optional<String> onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }
}
