package org.vipboutiques.slurm.script;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How one submission asks Slurm: the executor's settings, overridden by the job request's
 * options. Values are checked here, so that nothing written to an {@code #SBATCH} line can
 * carry spaces, quotes or line breaks.
 *
 * <p>Keys: {@code partition}, {@code account}, {@code qos}, {@code constraint},
 * {@code reservation}, {@code gpu-flag} ({@code gpus}|{@code gres}), {@code container}
 * ({@code auto}|{@code docker}|{@code apptainer}|{@code none}), {@code requeue}
 * ({@code false} by default: a job whose node fails is not run again in the same folder),
 * {@code array-limit} (the most tasks of an array running at once), {@code docker-user}
 * ({@code auto}: the job's own user and group, the default, so that files in the job folder are
 * the user's; {@code image}: the image's user; or {@code USER[:GROUP]}), and
 * {@code sbatch.NAME=VALUE} for any other sbatch option ({@code sbatch.mail-type=END};
 * an empty value gives a flag: {@code sbatch.exclusive=}).
 */
public record JobOptions(
    Optional<String> partition,
    Optional<String> account,
    Optional<String> qos,
    Optional<String> constraint,
    Optional<String> reservation,
    GpuFlag gpuFlag,
    ContainerMode container,
    boolean requeue,
    Optional<Integer> arrayLimit,
    Optional<String> dockerUser,
    Map<String, String> extraSbatch) {

  /** Values that are safe on an {@code #SBATCH} line and on a command line. */
  private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9._:,@+=/%\\-\\[\\]|&!()*]+");
  private static final Pattern OPTION_NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern DOCKER_USER = Pattern.compile("[A-Za-z0-9_.\\-]+(:[A-Za-z0-9_.\\-]+)?");
  private static final String SBATCH_PREFIX = "sbatch.";
  /** The {@code docker-user} value that runs containers as the job's own user and group. */
  public static final String DOCKER_USER_AUTO = "auto";

  public JobOptions {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(constraint, "constraint");
    Objects.requireNonNull(reservation, "reservation");
    Objects.requireNonNull(gpuFlag, "gpuFlag");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(arrayLimit, "arrayLimit");
    Objects.requireNonNull(dockerUser, "dockerUser");
    dockerUser.ifPresent(u -> {
      if (!DOCKER_USER.matcher(u).matches()) {
        throw new IllegalArgumentException("docker-user must be auto, image, or USER[:GROUP] (names or numbers), not \""
            + u + "\"");
      }
    });
    arrayLimit.ifPresent(n -> {
      if (n < 1) {
        throw new IllegalArgumentException("array-limit must be at least 1: " + n);
      }
    });
    partition.ifPresent(v -> checkValue("partition", v));
    account.ifPresent(v -> checkValue("account", v));
    qos.ifPresent(v -> checkValue("qos", v));
    constraint.ifPresent(v -> checkValue("constraint", v));
    reservation.ifPresent(v -> checkValue("reservation", v));
    Map<String, String> extra = new LinkedHashMap<>();
    extraSbatch.forEach((k, v) -> {
      if (!OPTION_NAME.matcher(k).matches()) {
        throw new IllegalArgumentException("sbatch." + k + ": not an sbatch option name (write sbatch.mail-type=END)");
      }
      if (!v.isEmpty()) {
        checkValue(SBATCH_PREFIX + k, v);
      }
      extra.put(k, v);
    });
    extraSbatch = Collections.unmodifiableMap(extra);
  }

  /** The keys {@link #from} reads; {@code sbatch.*} stands for any sbatch option. */
  public static final java.util.Set<String> KEYS = java.util.Set.of("partition", "account", "qos", "constraint",
      "reservation", "gpu-flag", "container", "requeue", "array-limit", "docker-user", SBATCH_PREFIX + "*");

  /** The defaults: no partition or account (the cluster's), {@code --gres}, container auto, no requeue. */
  public static final JobOptions DEFAULTS = new JobOptions(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), GpuFlag.GRES, ContainerMode.AUTO, false, Optional.empty(),
      Optional.of(DOCKER_USER_AUTO), Map.of());

  /**
   * The options from the executor's settings, then the request's options over them.
   *
   * @throws IllegalArgumentException with a sentence naming the key when a value is not usable
   */
  public static JobOptions from(Map<String, String> settings, Map<String, String> requestOptions) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.putAll(requestOptions);
    Map<String, String> extra = new LinkedHashMap<>();
    all.forEach((k, v) -> {
      if (k.startsWith(SBATCH_PREFIX)) {
        extra.put(k.substring(SBATCH_PREFIX.length()), v.strip());
      }
    });
    return new JobOptions(text(all, "partition"), text(all, "account"), text(all, "qos"), text(all, "constraint"),
        text(all, "reservation"),
        text(all, "gpu-flag").map(GpuFlag::parse).orElse(DEFAULTS.gpuFlag()),
        text(all, "container").map(ContainerMode::parse).orElse(DEFAULTS.container()),
        text(all, "requeue").map(v -> bool("requeue", v)).orElse(DEFAULTS.requeue()),
        text(all, "array-limit").map(v -> integer("array-limit", v)),
        text(all, "docker-user").or(() -> DEFAULTS.dockerUser()).filter(u -> !u.equals("image")),
        extra);
  }

  /** With the container forced off (a request that asked to run on the host). */
  public JobOptions withoutContainer() {
    return new JobOptions(partition, account, qos, constraint, reservation, gpuFlag, ContainerMode.NONE, requeue,
        arrayLimit, dockerUser, extraSbatch);
  }

  private static Optional<String> text(Map<String, String> all, String key) {
    return Optional.ofNullable(all.get(key)).map(String::strip).filter(s -> !s.isEmpty());
  }

  static boolean bool(String key, String v) {
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new IllegalArgumentException(key + " must be true or false, not \"" + v + "\"");
    };
  }

  private static int integer(String key, String v) {
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, not \"" + v + "\"");
    }
  }

  private static void checkValue(String key, String value) {
    if (!SAFE_VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException(key + "=\"" + value + "\" has characters Slurm options do not take"
          + " (spaces, quotes, line breaks, ...); use letters, digits and . _ : , @ + = / % - [ ] | & ! ( ) *");
    }
  }
}
