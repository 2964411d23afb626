package org.vipboutiques.descriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/** Reads the GPU convention out of a descriptor; see {@link GpuRequirement}. */
final class GpuRequirements {

  private GpuRequirements() {}

  /** The requirement, from {@code custom."vip:gpu"} first, then from container options. */
  static Optional<GpuRequirement> read(JsonObject custom, Optional<ContainerImage> container)
      throws MalformedGpuRequirementException {
    JsonValue declared = custom.members().get(GpuRequirement.CUSTOM_KEY);
    if (declared != null) {
      return fromCustom(declared);
    }
    return container.flatMap(GpuRequirements::fromContainerOptions);
  }

  private static Optional<GpuRequirement> fromCustom(JsonValue v) throws MalformedGpuRequirementException {
    if (v instanceof JsonBoolean b) {
      return b.value() ? Optional.of(GpuRequirement.oneRequired(GpuRequirement.Source.CUSTOM)) : Optional.empty();
    }
    if (v instanceof JsonNumber n) {
      int count = positiveInt(n, "vip:gpu");
      return Optional.of(new GpuRequirement(count, false, Optional.empty(), Optional.empty(), Optional.empty(),
          List.of(), Optional.empty(), List.of(), GpuPolicy.REQUIRED, GpuRequirement.Source.CUSTOM));
    }
    if (!(v instanceof JsonObject o)) {
      throw new MalformedGpuRequirementException("\"vip:gpu\" must be an object such as {\"count\": 1}, true,"
          + " or a device count; found " + v.typeName());
    }
    for (String key : o.keys()) {
      if (!List.of("count", "max-count", "min-memory-gb", "cuda-version-min", "compute-capability", "type",
          "device-ids", "policy").contains(key)) {
        throw new MalformedGpuRequirementException("\"vip:gpu\" has an unknown key \"" + key + "\"; known keys are"
            + " count, max-count, min-memory-gb, cuda-version-min, compute-capability, type, device-ids, policy");
      }
    }
    int count = 1;
    boolean all = false;
    JsonValue c = o.members().get("count");
    if (c instanceof JsonString s && s.value().equals("all")) {
      all = true;
    } else if (c != null) {
      count = positiveInt(c, "vip:gpu.count");
    }
    Optional<Integer> max = Optional.empty();
    if (o.has("max-count")) {
      max = Optional.of(positiveInt(o.members().get("max-count"), "vip:gpu.max-count"));
      if (max.get() < count) {
        throw new MalformedGpuRequirementException("\"vip:gpu\": max-count " + max.get() + " is below count " + count);
      }
    }
    Optional<Double> memory = Optional.empty();
    if (o.has("min-memory-gb")) {
      if (!(o.members().get("min-memory-gb") instanceof JsonNumber n) || n.doubleValue() <= 0) {
        throw new MalformedGpuRequirementException("\"vip:gpu\": min-memory-gb must be a positive number");
      }
      memory = Optional.of(n.doubleValue());
    }
    Optional<String> cuda = optionalString(o, "cuda-version-min");
    if (cuda.isPresent() && !cuda.get().matches("\\d+(\\.\\d+)*")) {
      throw new MalformedGpuRequirementException("\"vip:gpu\": cuda-version-min must look like \"11.8\", not \""
          + cuda.get() + "\"");
    }
    List<String> capabilities = stringList(o, "compute-capability");
    for (String cc : capabilities) {
      if (!cc.matches("\\d+\\.\\d+")) {
        throw new MalformedGpuRequirementException("\"vip:gpu\": compute-capability must look like \"7.0\", not \""
            + cc + "\"");
      }
    }
    GpuPolicy policy = GpuPolicy.REQUIRED;
    Optional<String> p = optionalString(o, "policy");
    if (p.isPresent()) {
      try {
        policy = GpuPolicy.valueOf(p.get().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new MalformedGpuRequirementException("\"vip:gpu\": policy must be \"required\" or \"preferred\", not \""
            + p.get() + "\"");
      }
    }
    return Optional.of(new GpuRequirement(count, all, max, memory, cuda, capabilities, optionalString(o, "type"),
        stringList(o, "device-ids"), policy, GpuRequirement.Source.CUSTOM));
  }

  private static int positiveInt(JsonValue v, String where) throws MalformedGpuRequirementException {
    if (v instanceof JsonNumber n && n.isIntegral() && n.bigIntegerValue().signum() > 0
        && n.bigIntegerValue().bitLength() < 31) {
      return n.bigIntegerValue().intValue();
    }
    throw new MalformedGpuRequirementException("\"" + where + "\" must be a positive integer, not " + v.toJson());
  }

  private static Optional<String> optionalString(JsonObject o, String key) throws MalformedGpuRequirementException {
    JsonValue v = o.members().get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof JsonString s) {
      return Optional.of(s.value());
    }
    if (v instanceof JsonNumber n) {
      return Optional.of(n.literal());
    }
    throw new MalformedGpuRequirementException("\"vip:gpu\": " + key + " must be a string");
  }

  private static List<String> stringList(JsonObject o, String key) throws MalformedGpuRequirementException {
    JsonValue v = o.members().get(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v instanceof JsonArray a) {
      for (JsonValue item : a.items()) {
        if (item instanceof JsonString s) {
          out.add(s.value());
        } else if (item instanceof JsonNumber n) {
          out.add(n.literal());
        } else {
          throw new MalformedGpuRequirementException("\"vip:gpu\": " + key + " must list strings");
        }
      }
      return out;
    }
    out.add(optionalString(o, key).orElseThrow());
    return out;
  }

  /** {@code --gpus all}, {@code --gpus=2}, {@code --gpus "device=0,1"}, {@code --runtime=nvidia}, {@code --nv}. */
  static Optional<GpuRequirement> fromContainerOptions(ContainerImage container) {
    List<String> words = new ArrayList<>();
    for (String opt : container.containerOpts()) {
      for (String w : opt.trim().split("\\s+")) {
        if (!w.isEmpty()) {
          words.add(w);
        }
      }
    }
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (container.type() == ContainerType.SINGULARITY && (w.equals("--nv") || w.equals("--nvccli"))) {
        return Optional.of(GpuRequirement.oneRequired(GpuRequirement.Source.SINGULARITY_OPTIONS));
      }
      if (w.equals("--runtime=nvidia") || w.equals("--runtime") && i + 1 < words.size()
          && words.get(i + 1).equals("nvidia")) {
        return Optional.of(new GpuRequirement(1, true, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
            Optional.empty(), List.of(), GpuPolicy.REQUIRED, GpuRequirement.Source.DOCKER_OPTIONS));
      }
      String spec = null;
      if (w.startsWith("--gpus=")) {
        spec = w.substring("--gpus=".length());
      } else if (w.equals("--gpus") && i + 1 < words.size()) {
        spec = words.get(i + 1);
      }
      if (spec != null) {
        return Optional.of(fromDockerSpec(spec));
      }
    }
    return Optional.empty();
  }

  private static GpuRequirement fromDockerSpec(String raw) {
    String spec = raw.replace("\"", "").replace("'", "");
    boolean all = false;
    int count = 1;
    List<String> devices = new ArrayList<>();
    for (String part : spec.split(",(?=[a-z]+=)|,(?=all$)")) {
      if (part.equals("all")) {
        all = true;
      } else if (part.matches("\\d+")) {
        count = Math.max(1, Integer.parseInt(part));
      } else if (part.startsWith("count=")) {
        String n = part.substring(6);
        if (n.equals("all")) {
          all = true;
        } else if (n.matches("\\d+")) {
          count = Math.max(1, Integer.parseInt(n));
        }
      } else if (part.startsWith("device=")) {
        for (String d : part.substring(7).split(",")) {
          if (!d.isBlank()) {
            devices.add(d.trim());
          }
        }
        count = Math.max(1, devices.size());
      }
    }
    return new GpuRequirement(count, all, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        Optional.empty(), devices, GpuPolicy.REQUIRED, GpuRequirement.Source.DOCKER_OPTIONS);
  }
}
