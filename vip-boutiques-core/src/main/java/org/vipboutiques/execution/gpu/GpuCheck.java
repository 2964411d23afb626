package org.vipboutiques.execution.gpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vipboutiques.descriptor.GpuRequirement;

/**
 * The pre-flight check: a tool's {@code vip:gpu} requirement against this machine's devices.
 * {@code min-memory-gb}, {@code compute-capability}, {@code type} and {@code device-ids} are
 * checked per device, {@code cuda-version-min} against the driver's CUDA version; the message for
 * a device that does not fit names it and the first field it fails.
 */
public final class GpuCheck {

  private GpuCheck() {}

  /**
   * The decision for a requirement on an inventory.
   *
   * @param unknownMeansNone whether a machine whose devices cannot be read has no GPU (a tool run
   *     directly on it) rather than unchecked ones (a container runtime that may know better)
   */
  public static GpuDecision decide(Optional<GpuRequirement> requirement, GpuInventory inventory,
      boolean unknownMeansNone) {
    if (requirement.isEmpty()) {
      return GpuDecision.notNeeded();
    }
    GpuRequirement need = requirement.get();
    if (!inventory.known() && !unknownMeansNone) {
      return new GpuDecision(GpuDecision.Kind.UNCHECKED, List.of(), 0,
          "the GPUs of this machine are not checked: " + inventory.note().orElse("they cannot be read"));
    }
    List<GpuDevice> fitting = new ArrayList<>();
    List<String> misfits = new ArrayList<>();
    Optional<String> driverMisfit = cudaMisfit(need, inventory);
    for (GpuDevice device : inventory.devices()) {
      Optional<String> why = driverMisfit.or(() -> misfit(need, device));
      if (why.isEmpty()) {
        fitting.add(device);
      } else {
        misfits.add(device.label() + " " + why.get());
      }
    }
    int wanted = need.allDevices() ? Math.max(1, fitting.size())
        : need.deviceIds().isEmpty() ? need.count() : need.deviceIds().size();
    if (fitting.size() >= wanted) {
      return new GpuDecision(GpuDecision.Kind.USE_GPUS, fitting, wanted, "");
    }
    StringBuilder why = new StringBuilder("this tool needs ").append(wanted).append(wanted == 1 ? " GPU" : " GPUs")
        .append(describe(need)).append(" and this machine has ");
    if (inventory.devices().isEmpty()) {
      why.append("none");
      inventory.note().ifPresent(n -> why.append(" (").append(n).append(')'));
    } else {
      why.append(fitting.size()).append(" that ").append(fitting.size() == 1 ? "fits" : "fit");
      if (!misfits.isEmpty()) {
        why.append(": ").append(String.join("; ", misfits));
      }
    }
    if (need.cpuFallback()) {
      return new GpuDecision(GpuDecision.Kind.CPU_FALLBACK, List.of(), 0,
          why + "; it runs on the CPU, as its \"policy\": \"preferred\" allows");
    }
    return new GpuDecision(GpuDecision.Kind.REFUSED, List.of(), 0, why
        + "; run it on a machine that has them, relax its vip:gpu requirement, or set \"policy\": \"preferred\""
        + " if it can run on the CPU");
  }

  private static String describe(GpuRequirement need) {
    List<String> parts = new ArrayList<>();
    need.minMemoryGb().ifPresent(m -> parts.add("min-memory-gb " + number(m)));
    if (need.computeCapabilities().size() == 1) {
      parts.add("compute-capability " + need.computeCapabilities().get(0) + " or newer");
    } else if (!need.computeCapabilities().isEmpty()) {
      parts.add("compute-capability one of " + String.join(", ", need.computeCapabilities()));
    }
    need.cudaVersionMin().ifPresent(c -> parts.add("cuda-version-min " + c));
    need.type().ifPresent(t -> parts.add("type " + t));
    if (!need.deviceIds().isEmpty()) {
      parts.add("device-ids " + String.join(",", need.deviceIds()));
    }
    return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
  }

  private static Optional<String> cudaMisfit(GpuRequirement need, GpuInventory inventory) {
    if (need.cudaVersionMin().isEmpty()) {
      return Optional.empty();
    }
    String min = need.cudaVersionMin().get();
    if (inventory.cudaVersion().isEmpty()) {
      return Optional.of("fails cuda-version-min " + min + ": the driver's CUDA version is unknown");
    }
    String has = inventory.cudaVersion().get();
    if (compareVersions(has, min) < 0) {
      return Optional.of("fails cuda-version-min " + min + ": its driver" + inventory.driverVersion()
          .map(v -> " " + v).orElse("") + " supports CUDA " + has + "; update the NVIDIA driver");
    }
    return Optional.empty();
  }

  /** The first field of the requirement the device fails, as the end of a sentence naming it. */
  static Optional<String> misfit(GpuRequirement need, GpuDevice device) {
    if (!need.deviceIds().isEmpty() && need.deviceIds().stream().noneMatch(id -> id.equals(
        Integer.toString(device.index())) || id.equalsIgnoreCase(device.uuid()))) {
      return Optional.of("is not among device-ids " + String.join(",", need.deviceIds()));
    }
    if (need.minMemoryGb().isPresent() && device.memoryGb() < need.minMemoryGb().get()) {
      return Optional.of("fails min-memory-gb " + number(need.minMemoryGb().get()) + ": it has "
          + String.format(Locale.ROOT, "%.1f", device.memoryGb()) + " GB (" + device.memoryMib() + " MiB)");
    }
    List<String> ccs = need.computeCapabilities();
    if (!ccs.isEmpty()) {
      if (device.computeCapability().isEmpty()) {
        return Optional.of("fails compute-capability: the driver does not report its capability");
      }
      String cc = device.computeCapability().get();
      // One value is the oldest accepted (code built for 7.5 runs on 8.0), a list the only ones (CWL's rule).
      boolean ok = ccs.size() == 1 ? compareVersions(cc, ccs.get(0)) >= 0 : ccs.contains(cc);
      if (!ok) {
        return Optional.of("fails compute-capability " + (ccs.size() == 1 ? ccs.get(0) + " or newer"
            : String.join(", ", ccs)) + ": it has " + cc);
      }
    }
    if (need.type().isPresent() && !typeMatches(need.type().get(), device.name())) {
      return Optional.of("fails type " + need.type().get() + ": it is a " + device.name());
    }
    return Optional.empty();
  }

  /** Whether the type's words appear together among the name's ({@code a100} in {@code NVIDIA A100-SXM4-40GB}, not {@code a10}). */
  static boolean typeMatches(String type, String name) {
    List<String> want = words(type);
    List<String> has = words(name);
    if (want.isEmpty()) {
      return true;
    }
    for (int i = 0; i + want.size() <= has.size(); i++) {
      if (has.subList(i, i + want.size()).equals(want)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> words(String s) {
    return Arrays.stream(s.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).filter(w -> !w.isEmpty()).toList();
  }

  /** Dotted versions compared by number ({@code 12.10} is newer than {@code 12.9}). */
  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? parse(x[i]) : 0;
      long q = i < y.length ? parse(y[i]) : 0;
      if (p != q) {
        return Long.compare(p, q);
      }
    }
    return 0;
  }

  private static long parse(String part) {
    try {
      return Long.parseLong(part.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
