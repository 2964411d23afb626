package org.vipboutiques.execution.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vipboutiques.descriptor.ContainerImage;
import org.vipboutiques.descriptor.ContainerType;
import org.vipboutiques.execution.JobRejectedException;

/**
 * A descriptor's {@code container-opts} as the separate words a back end that writes a container
 * command line (a batch script, a grid wrapper, {@code apptainer exec}) passes on, once checked
 * against the {@value OptionAllowance#SETTING} policy in the syntax of the image's type: Docker's
 * {@code run} options ({@link ContainerOptions}) for a Docker image, {@code apptainer exec}'s
 * ({@link SingularityOptions}) for a Singularity one. Each word is one argument: a back end quotes
 * it whole and never lets a shell split or expand it.
 */
public final class ContainerOptionWords {

  private ContainerOptionWords() {}

  /**
   * The checked words of {@code image}'s options; none for a type that takes no options.
   *
   * @throws JobRejectedException as {@link ContainerOptions#parse} and {@link SingularityOptions#parse}
   */
  public static List<String> of(ContainerImage image, Set<OptionAllowance> allowed, String executor)
      throws JobRejectedException {
    if (image.type() == ContainerType.SINGULARITY) {
      return SingularityOptions.parse(image.containerOpts(), allowed, executor);
    }
    if (image.type() != ContainerType.DOCKER) {
      return List.of();
    }
    ContainerOptions.parse(image.containerOpts(), allowed, executor);
    List<String> out = new ArrayList<>();
    for (String w : split(image.containerOpts())) {
      int eq = w.indexOf('=');
      // as parse reads them: a quoted value, alone or after --name=, stands for what it quotes
      out.add(w.startsWith("--") && eq > 0 ? w.substring(0, eq + 1) + ContainerOptions.unquote(w.substring(eq + 1))
          : ContainerOptions.unquote(w));
    }
    return out;
  }

  /** The options split at white space, as both parsers read them ({@code "--ipc host"} is two words). */
  static List<String> split(List<String> options) {
    List<String> words = new ArrayList<>();
    for (String option : options) {
      for (String w : option.trim().split("\\s+")) {
        if (!w.isEmpty()) {
          words.add(w);
        }
      }
    }
    return words;
  }
}
