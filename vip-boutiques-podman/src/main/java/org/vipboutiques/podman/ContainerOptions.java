package org.vipboutiques.podman;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.Mount;

/**
 * The {@code container-opts} of a descriptor, read as {@code docker run}/{@code podman run} options.
 * The common ones become checked arguments of {@code podman run}; any other is refused with a message
 * that names it, rather than passed on unread or dropped.
 *
 * @param gpus the {@code --gpus} value, if given (becomes CDI devices)
 * @param devices {@code --device} values: CDI names ({@code nvidia.com/gpu=0}) or host devices
 */
record ContainerOptions(
    Optional<String> gpus,
    List<String> devices,
    Map<String, String> environment,
    List<Mount> mounts,
    Optional<Long> shmSizeBytes,
    Optional<String> ipc,
    Optional<String> network,
    Optional<String> user) {

  static final String SUPPORTED = "--gpus, --device, -e/--env, -v/--volume, --shm-size, --ipc, --network/--net,"
      + " -u/--user, --runtime=nvidia";

  private static final List<String> WITH_VALUE = List.of("--gpus", "--device", "-e", "--env", "-v", "--volume",
      "--shm-size", "--ipc", "--network", "--net", "-u", "--user", "--runtime");

  static ContainerOptions parse(List<String> options) throws JobRejectedException {
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
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      boolean inlineForm = w.startsWith("--") && w.contains("=");
      String name = inlineForm ? w.substring(0, w.indexOf('=')) : w;
      if (!WITH_VALUE.contains(name)) {
        throw new JobRejectedException("container-opts: \"" + w + "\" is not supported by the podman executor"
            + " (supported: " + SUPPORTED + "); remove it from the descriptor or run with --no-container");
      }
      String value;
      if (inlineForm) {
        value = w.substring(w.indexOf('=') + 1);
      } else if (i + 1 < words.size()) {
        value = words.get(++i);
      } else {
        throw new JobRejectedException("container-opts: \"" + w + "\" needs a value");
      }
      value = unquote(value);
      switch (name) {
        case "--gpus" -> gpus = Optional.of(value);
        case "--device" -> devices.add(value);
        case "-e", "--env" -> {
          int eq = value.indexOf('=');
          if (eq <= 0) {
            env.put(value, System.getenv().getOrDefault(value, ""));
          } else {
            env.put(value.substring(0, eq), value.substring(eq + 1));
          }
        }
        case "-v", "--volume" -> {
          try {
            mounts.add(Mount.parse(value));
          } catch (IllegalArgumentException e) {
            throw new JobRejectedException("container-opts: " + e.getMessage());
          }
        }
        case "--shm-size" -> shm = Optional.of(bytes(value));
        case "--ipc" -> ipc = Optional.of(value);
        case "--network", "--net" -> network = Optional.of(value);
        case "--runtime" -> {
          // the descriptor's GPU need (GpuRequirement) is read from it; Podman's GPUs are CDI devices
          if (!value.equals("nvidia")) {
            throw new JobRejectedException("container-opts: \"--runtime " + value + "\" is not supported by the podman"
                + " executor (only --runtime=nvidia, whose GPUs become CDI devices); remove it from the descriptor");
          }
        }
        default -> user = Optional.of(value);
      }
    }
    return new ContainerOptions(gpus, List.copyOf(devices), env, mounts, shm, ipc, network, user);
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  /** {@code 64m}, {@code 2g}, {@code 1024}: as podman reads sizes. */
  static long bytes(String size) throws JobRejectedException {
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
