package org.vipboutiques.execution.container;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.Mount;

/**
 * A descriptor's {@code container-opts}, written as options of a container engine's {@code run}
 * command, read into checked fields that each back end gives its engine in its own way. Options
 * outside {@link #SUPPORTED} are refused with a message naming them rather than dropped; options
 * that reach beyond the job folder are refused unless an {@link OptionAllowance} permits them.
 *
 * @param gpus the {@code --gpus} value, if given (the descriptor's GPU need is read from it)
 * @param devices {@code --device} values: CDI names ({@code nvidia.com/gpu=0}) or host devices
 * @param environment {@code -e NAME=VALUE}, and {@code -e NAME} with the caller's value when allowed
 * @param mounts {@code -v HOST:CONTAINER[:ro]}, when allowed
 * @param runtime {@code --runtime}, only ever {@code nvidia} (a GPU need)
 * @param pid {@code --pid}, when allowed
 * @param privileged {@code --privileged}, when allowed
 */
public record ContainerOptions(
    Optional<String> gpus,
    List<String> devices,
    Map<String, String> environment,
    List<Mount> mounts,
    Optional<Long> shmSizeBytes,
    Optional<String> ipc,
    Optional<String> network,
    Optional<String> user,
    Optional<String> runtime,
    Optional<String> pid,
    boolean privileged) {

  /** The options read, as the refusal of any other lists them. */
  public static final String SUPPORTED = "--gpus, --runtime=nvidia, --device, -e/--env, -v/--volume, --shm-size,"
      + " --ipc, --network/--net, -u/--user, --pid, --privileged";

  /** No options. */
  public static final ContainerOptions NONE = new ContainerOptions(Optional.empty(), List.of(), Map.of(), List.of(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
      false);

  private static final List<String> WITH_VALUE = List.of("--gpus", "--device", "-e", "--env", "-v", "--volume",
      "--shm-size", "--ipc", "--network", "--net", "-u", "--user", "--runtime", "--pid");
  private static final Set<String> OWN_NETWORKS = Set.of("none", "bridge");
  private static final Set<String> OWN_IPC = Set.of("private", "shareable", "none");

  public ContainerOptions {
    devices = List.copyOf(devices);
    environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    mounts = List.copyOf(mounts);
  }

  /**
   * Reads options; each list item may hold several words ({@code "--ipc host"}).
   *
   * @param allowed what the executor's {@value OptionAllowance#SETTING} setting permits
   * @param executor the executor's name, for messages
   * @throws JobRejectedException naming the first option that is not supported, lacks its value,
   *     or needs an allowance the executor does not have (and the setting that gives it)
   */
  public static ContainerOptions parse(List<String> options, Set<OptionAllowance> allowed, String executor)
      throws JobRejectedException {
    List<String> words = new ArrayList<>();
    for (String option : options) {
      for (String w : option.trim().split("\\s+")) {
        if (!w.isEmpty()) {
          words.add(w);
        }
      }
    }
    Optional<String> gpus = Optional.empty();
    List<String> devices = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    List<Mount> mounts = new ArrayList<>();
    Optional<Long> shm = Optional.empty();
    Optional<String> ipc = Optional.empty();
    Optional<String> network = Optional.empty();
    Optional<String> user = Optional.empty();
    Optional<String> runtime = Optional.empty();
    Optional<String> pid = Optional.empty();
    boolean privileged = false;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("--privileged") || w.equals("--privileged=true")) {
        require(OptionAllowance.PRIVILEGED, w, allowed, executor);
        privileged = true;
        continue;
      }
      boolean inlineForm = w.startsWith("--") && w.contains("=");
      String name = inlineForm ? w.substring(0, w.indexOf('=')) : w;
      if (!WITH_VALUE.contains(name)) {
        throw new JobRejectedException("container-opts: \"" + w + "\" is not supported by the " + executor
            + " executor (supported: " + SUPPORTED + "); remove it from the descriptor or run with --no-container");
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
      value = unquote(value);
      switch (name) {
        case "--gpus" -> gpus = Optional.of(value);
        case "--device" -> {
          if (!isCdiName(value)) {
            require(OptionAllowance.DEVICES, written, allowed, executor);
          }
          devices.add(value);
        }
        case "-e", "--env" -> {
          int eq = value.indexOf('=');
          if (eq <= 0) {
            require(OptionAllowance.CALLER_ENV, written, allowed, executor);
            env.put(value, System.getenv().getOrDefault(value, ""));
          } else {
            env.put(value.substring(0, eq), value.substring(eq + 1));
          }
        }
        case "-v", "--volume" -> {
          require(OptionAllowance.HOST_MOUNTS, written, allowed, executor);
          try {
            mounts.add(Mount.parse(value));
          } catch (IllegalArgumentException e) {
            throw new JobRejectedException("container-opts: " + e.getMessage());
          }
        }
        case "--shm-size" -> shm = Optional.of(bytes(value));
        case "--ipc" -> {
          if (!OWN_IPC.contains(value)) {
            require(OptionAllowance.IPC, written, allowed, executor);
          }
          ipc = Optional.of(value);
        }
        case "--network", "--net" -> {
          if (!OWN_NETWORKS.contains(value)) {
            require(OptionAllowance.NETWORK, written, allowed, executor);
          }
          network = Optional.of(value);
        }
        case "--runtime" -> {
          // the GPU need (GpuRequirement) is read from it; another runtime is the engine's set-up, not the tool's
          if (!value.equals("nvidia")) {
            throw new JobRejectedException("container-opts: \"--runtime " + value + "\" is not supported by the "
                + executor + " executor (only --runtime=nvidia, a GPU need); remove it from the descriptor");
          }
          runtime = Optional.of(value);
        }
        case "--pid" -> {
          require(OptionAllowance.PID, written, allowed, executor);
          pid = Optional.of(value);
        }
        default -> user = Optional.of(value);
      }
    }
    return new ContainerOptions(gpus, devices, env, mounts, shm, ipc, network, user, runtime, pid, privileged);
  }

  static void require(OptionAllowance needed, String written, Set<OptionAllowance> allowed, String executor)
      throws JobRejectedException {
    if (!allowed.contains(needed)) {
      throw new JobRejectedException("container-opts: \"" + written + "\" " + needed.what() + ", which the "
          + executor + " executor refuses unless its setting " + OptionAllowance.SETTING + " lists "
          + needed.settingValue() + "; remove it from the descriptor, or allow it (" + OptionAllowance.SETTING + "="
          + needed.settingValue() + ") if you trust the tool");
    }
  }

  /** A CDI device name, {@code vendor.com/class=name}: a device the host's administrator published for containers. */
  public static boolean isCdiName(String device) {
    return device.matches("[A-Za-z0-9][A-Za-z0-9.-]*/[A-Za-z0-9][A-Za-z0-9._-]*=[A-Za-z0-9._:-]+");
  }

  static String unquote(String v) {
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  /** {@code 64m}, {@code 2g}, {@code 1024}: sizes as container engines read them. */
  public static long bytes(String size) throws JobRejectedException {
    String s = size.trim().toLowerCase(Locale.ROOT);
    if (s.endsWith("b")) {
      s = s.substring(0, s.length() - 1);
    }
    char unit = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
    long factor = switch (unit) {
      case 'k' -> 1L << 10;
      case 'm' -> 1L << 20;
      case 'g' -> 1L << 30;
      case 't' -> 1L << 40;
      default -> 1;
    };
    if (factor > 1) {
      s = s.substring(0, s.length() - 1);
    }
    try {
      return Math.round(Double.parseDouble(s) * factor);
    } catch (NumberFormatException e) {
      throw new JobRejectedException("container-opts: \"" + size + "\" is not a size (write 64m, 2g)");
    }
  }
}
