package org.vipboutiques.podman;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.execution.gpu.GpuDevice;

/**
 * A GPU requirement as CDI (Container Device Interface) device names, which {@code podman run
 * --device} resolves from the specifications in {@code /etc/cdi} and {@code /var/run/cdi}: {@code
 * nvidia.com/gpu=all}, or one name per index or device id. The kind is {@code nvidia.com/gpu}
 * unless the {@code cdi-kind} setting names another.
 */
final class CdiDevices {

  static final String NVIDIA = "nvidia.com/gpu";
  static final List<Path> DEFAULT_SPEC_DIRS = List.of(Path.of("/etc/cdi"), Path.of("/var/run/cdi"));
  /** A specification is a small file; a larger one is not read (nvidia-ctk's are a few KiB). */
  private static final long MAX_SPEC_BYTES = 1 << 20;

  private CdiDevices() {}

  /** The device names for {@code gpu}: the ids given, else {@code all}, else indexes 0 to count - 1. */
  static List<String> names(GpuRequirement gpu, String kind) {
    List<String> names = new ArrayList<>();
    if (!gpu.deviceIds().isEmpty()) {
      gpu.deviceIds().forEach(id -> names.add(kind + "=" + id));
    } else if (gpu.allDevices()) {
      names.add(kind + "=all");
    } else {
      for (int i = 0; i < gpu.count(); i++) {
        names.add(kind + "=" + i);
      }
    }
    return names;
  }

  /** The first specification in {@code dirs} that defines {@code kind}, if any. */
  static Optional<Path> specFor(String kind, List<Path> dirs) {
    Pattern json = Pattern.compile("\"kind\"\\s*:\\s*\"" + Pattern.quote(kind) + "\"");
    Pattern yaml = Pattern.compile("(?m)^kind:\\s*[\"']?" + Pattern.quote(kind) + "[\"']?\\s*$");
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (DirectoryStream<Path> specs = Files.newDirectoryStream(dir, "*.{json,yaml,yml}")) {
        for (Path spec : specs) {
          if (Files.isRegularFile(spec) && Files.size(spec) <= MAX_SPEC_BYTES) {
            String text = Files.readString(spec, StandardCharsets.UTF_8);
            if (json.matcher(text).find() || yaml.matcher(text).find()) {
              return Optional.of(spec);
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // an unreadable folder or file holds no specification we can use
      }
    }
    return Optional.empty();
  }

  /**
   * The CDI names of a machine's devices leased from its pool: by UUID, when the specification of
   * {@code kind} names each of them so ({@code nvidia-ctk cdi generate --device-name-strategy=uuid}),
   * else by the driver's index, the name of {@code nvidia-ctk}'s default strategy.
   */
  static List<String> leased(List<GpuDevice> devices, String kind, List<Path> dirs) {
    String text = specFor(kind, dirs).map(CdiDevices::read).orElse("");
    boolean byUuid = devices.stream().allMatch(d -> Pattern.compile("(?m)\"?name\"?\\s*:\\s*[\"']?"
        + Pattern.quote(d.uuid()) + "[\"']?\\s*(?:[,}]|$)").matcher(text).find());
    return devices.stream().map(d -> kind + "=" + (byUuid ? d.uuid() : Integer.toString(d.index()))).toList();
  }

  private static String read(Path spec) {
    try {
      return Files.size(spec) <= MAX_SPEC_BYTES ? Files.readString(spec, StandardCharsets.UTF_8) : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** The one sentence for a GPU tool where no specification defines {@code kind}. */
  static String noSpecification(String kind, List<Path> dirs) {
    String where = String.join(" or ", dirs.stream().map(Path::toString).toList());
    String generate = kind.equals(NVIDIA)
        ? " (on a host with an NVIDIA GPU: nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml, from the NVIDIA"
            + " Container Toolkit)"
        : "";
    return "this tool needs a GPU, and no CDI specification for " + kind + " is in " + where + ", so Podman cannot"
        + " give one to a container; generate one" + generate + ", or mark the tool \"policy\": \"preferred\" in its"
        + " vip:gpu requirement if it can run on the CPU";
  }
}
