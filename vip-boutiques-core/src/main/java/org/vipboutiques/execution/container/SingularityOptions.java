package org.vipboutiques.execution.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vipboutiques.execution.JobRejectedException;

/**
 * A Singularity image's {@code container-opts}, written as options of {@code apptainer exec} (or
 * {@code singularity exec}), checked against the same {@link OptionAllowance}s as an engine's
 * {@code run} options: an option that means what a refused Docker option means needs the same
 * allowance ({@code -B/--bind/--mount}, {@code -H/--home}, {@code --overlay}, {@code -W/--workdir},
 * {@code --writable} reach host paths: {@code host-mounts}; {@code --env NAME} without a value:
 * {@code caller-env}; {@code --network} other than none or bridge: {@code network};
 * {@code --keep-privs}: {@code privileged}). Options that only narrow the container
 * ({@code --contain}, {@code --no-home}, {@code --net}, {@code --pid}, ...), the GPU ones and
 * {@code --fakeroot} (root only inside the user namespace, as Docker's {@code -u 0}) need nothing;
 * Docker's GPU options ({@code --gpus}, {@code --runtime=nvidia}: the descriptor's GPU need) are
 * read and left out, the back end giving the need as {@code --nv}.
 * Any other option is refused as not supported, as the Docker and Podman executors refuse theirs.
 */
public final class SingularityOptions {

  /** The options read, as the refusal of any other lists them. */
  public static final String SUPPORTED = "--nv, --nvccli, --rocm, -c/--contain, -C/--containall, -e/--cleanenv,"
      + " --no-home, --no-init, --no-privs, --no-umask, --no-eval, --compat, --writable-tmpfs, -f/--fakeroot,"
      + " -n/--net, -i/--ipc, -p/--pid, --uts, -u/--userns, --env, --network, --hostname, --no-mount,"
      + " -S/--scratch, -B/--bind, --mount, -H/--home, -o/--overlay, -W/--workdir, --writable, --keep-privs";

  private static final Set<String> FLAGS = Set.of("--nv", "--nvccli", "--rocm", "-c", "--contain", "-C",
      "--containall", "-e", "--cleanenv", "--no-home", "--no-init", "--no-privs", "--no-umask", "--no-eval",
      "--compat", "--writable-tmpfs", "-f", "--fakeroot", "-n", "--net", "-i", "--ipc", "-p", "--pid", "--uts",
      "-u", "--userns");
  private static final Map<String, OptionAllowance> FLAGS_ALLOWED = Map.of(
      "--writable", OptionAllowance.HOST_MOUNTS, "-w", OptionAllowance.HOST_MOUNTS,
      "--keep-privs", OptionAllowance.PRIVILEGED);
  private static final Set<String> FREE_WITH_VALUE = Set.of("--hostname", "--no-mount", "-S", "--scratch");
  private static final Set<String> MOUNTS_WITH_VALUE = Set.of("-B", "--bind", "--mount", "-H", "--home", "-o",
      "--overlay", "-W", "--workdir");
  private static final Set<String> OWN_NETWORKS = Set.of("none", "bridge");

  private SingularityOptions() {}

  /**
   * The options as separate words for the command line (a quoted value unquoted), once checked.
   *
   * @param allowed what the executor's {@value OptionAllowance#SETTING} setting permits
   * @param executor the executor's name, for messages
   * @throws JobRejectedException naming the first option that is not supported, lacks its value,
   *     or needs an allowance the executor does not have (and the setting that gives it)
   */
  public static List<String> parse(List<String> options, Set<OptionAllowance> allowed, String executor)
      throws JobRejectedException {
    List<String> words = ContainerOptionWords.split(options);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("--gpus") || w.equals("--runtime")) {
        // a GPU need written as for Docker (GpuRequirements reads it): the back end gives it as --nv
        if (i + 1 == words.size() || w.equals("--runtime") && !words.get(i + 1).equals("nvidia")) {
          throw new JobRejectedException("container-opts: \"" + w + "\" needs a value (--gpus N, --runtime nvidia)");
        }
        i++;
        continue;
      }
      if (w.startsWith("--gpus=") || w.equals("--runtime=nvidia")) {
        continue;
      }
      if (FLAGS.contains(w)) {
        out.add(w);
        continue;
      }
      if (FLAGS_ALLOWED.containsKey(w)) {
        ContainerOptions.require(FLAGS_ALLOWED.get(w), w, allowed, executor);
        out.add(w);
        continue;
      }
      boolean inlineForm = w.startsWith("--") && w.contains("=");
      String name = inlineForm ? w.substring(0, w.indexOf('=')) : w;
      if (!FREE_WITH_VALUE.contains(name) && !MOUNTS_WITH_VALUE.contains(name) && !name.equals("--env")
          && !name.equals("--network")) {
        throw new JobRejectedException("container-opts: \"" + w + "\" is not supported by the " + executor
            + " executor (supported for Singularity images: " + SUPPORTED + "); remove it from the descriptor or run"
            + " with --no-container");
      }
      String value;
      if (inlineForm) {
        value = w.substring(w.indexOf('=') + 1);
      } else if (i + 1 < words.size()) {
        value = words.get(++i);
      } else {
        throw new JobRejectedException("container-opts: \"" + w + "\" needs a value");
      }
      String written = inlineForm ? w : w + " " + value;
      value = ContainerOptions.unquote(value);
      if (MOUNTS_WITH_VALUE.contains(name)) {
        ContainerOptions.require(OptionAllowance.HOST_MOUNTS, written, allowed, executor);
      } else if (name.equals("--env") && value.indexOf('=') <= 0) {
        ContainerOptions.require(OptionAllowance.CALLER_ENV, written, allowed, executor);
      } else if (name.equals("--network") && !OWN_NETWORKS.contains(value)) {
        ContainerOptions.require(OptionAllowance.NETWORK, written, allowed, executor);
      }
      out.add(name);
      out.add(value);
    }
    return out;
  }
}
