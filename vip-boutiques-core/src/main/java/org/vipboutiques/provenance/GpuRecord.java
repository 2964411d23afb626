package org.vipboutiques.provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/**
 * The GPUs of a run, for its record: what the descriptor asked for ({@code vip:gpu}, or the
 * container options), and the devices the tool saw. Those are listed where the tool runs, by the
 * job's own command script ({@link #scriptLine()}): {@code nvidia-smi --query-gpu} when it is on
 * the job's PATH, in the container or on the cluster node, so the list is of the devices given to
 * the job (a container or a Slurm job sees only its own), not of the machine writing the record.
 */
public final class GpuRecord {

  /** The devices file the command script writes in the job folder. */
  public static final String DEVICES_FILE = ".vipb-gpus.csv";

  /** The {@code nvidia-smi} fields queried, in the file's column order. */
  static final List<String> FIELDS = List.of("index", "name", "driver_version", "uuid", "memory.total");
  /** The record's names for them. */
  private static final List<String> KEYS = List.of("index", "model", "driver", "uuid", "memory");
  private static final int MAX_BYTES = 64 * 1024;
  private static final int MAX_DEVICES = 256;

  private GpuRecord() {}

  /**
   * The line a GPU job's command script runs before the tool: lists the devices the job sees into
   * {@value #DEVICES_FILE} (owner-only), where {@code nvidia-smi} is on its PATH; prints nothing and
   * never fails the job.
   */
  public static String scriptLine() {
    return "command -v nvidia-smi >/dev/null 2>&1 && (umask 077; nvidia-smi --query-gpu=" + String.join(",", FIELDS)
        + " --format=csv,noheader > " + DEVICES_FILE + " 2>/dev/null)\n";
  }

  /** What the descriptor asks for, as the record states it. */
  static JsonObject requested(GpuRequirement gpu) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("count", gpu.allDevices() ? JsonString.of("all") : JsonNumber.of(gpu.count()));
    gpu.maxCount().ifPresent(c -> m.put("max-count", JsonNumber.of(c)));
    gpu.type().ifPresent(t -> m.put("type", JsonString.of(t)));
    gpu.minMemoryGb().ifPresent(g -> m.put("min-memory-gb", JsonNumber.of(g)));
    gpu.cudaVersionMin().ifPresent(v -> m.put("cuda-version-min", JsonString.of(v)));
    if (!gpu.computeCapabilities().isEmpty()) {
      m.put("compute-capability", new JsonArray(gpu.computeCapabilities().stream().<JsonValue>map(JsonString::of)
          .toList()));
    }
    if (!gpu.deviceIds().isEmpty()) {
      m.put("device-ids", new JsonArray(gpu.deviceIds().stream().<JsonValue>map(JsonString::of).toList()));
    }
    m.put("policy", JsonString.of(gpu.cpuFallback() ? "preferred" : "required"));
    return new JsonObject(m);
  }

  /**
   * The devices listed in {@code folder}'s {@value #DEVICES_FILE}, each {@code index}, {@code model},
   * {@code driver}, {@code uuid}, {@code memory} as nvidia-smi gives them; empty when there is no
   * such file (no nvidia-smi where the tool ran) or it is not a plain file of at most 64 KiB.
   */
  static List<JsonValue> devices(Path folder) {
    Path file = folder.resolve(DEVICES_FILE);
    List<JsonValue> out = new ArrayList<>();
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
        return out;
      }
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank() || out.size() >= MAX_DEVICES) {
          continue;
        }
        String[] f = line.split(",", -1);
        Map<String, JsonValue> device = new LinkedHashMap<>();
        for (int i = 0; i < KEYS.size() && i < f.length; i++) {
          String v = f[i].strip();
          if (!v.isEmpty() && !v.startsWith("[")) { // "[N/A]", "[Not Supported]"
            device.put(KEYS.get(i), JsonString.of(v));
          }
        }
        out.add(new JsonObject(device));
      }
    } catch (IOException | RuntimeException e) {
      // no devices known
    }
    return out;
  }
}
