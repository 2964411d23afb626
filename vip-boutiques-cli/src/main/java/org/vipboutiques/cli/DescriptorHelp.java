package org.vipboutiques.cli;

import java.util.ArrayList;
import java.util.List;
import org.vipboutiques.descriptor.ContainerImage;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.descriptor.Group;
import org.vipboutiques.descriptor.Input;
import org.vipboutiques.descriptor.OutputFile;
import org.vipboutiques.descriptor.SuggestedResources;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.PythonView;

/** Help text for humans about a tool, from its descriptor ({@code pprint}). */
final class DescriptorHelp {

  private static final int WIDTH = 88;

  private DescriptorHelp() {}

  static String render(Descriptor d) {
    StringBuilder out = new StringBuilder();
    out.append(d.name()).append(' ').append(d.toolVersion()).append('\n');
    wrap(out, d.description(), "  ");
    d.author().ifPresent(a -> out.append("  Author: ").append(a).append('\n'));
    d.url().ifPresent(u -> out.append("  URL: ").append(u).append('\n'));
    d.toolDoi().ifPresent(u -> out.append("  Tool DOI: ").append(u).append('\n'));
    out.append('\n').append("Command line:\n  ").append(d.commandLine()).append('\n');
    d.containerImage().ifPresent(c -> out.append("Container: ").append(container(c)).append('\n'));
    d.gpu().ifPresent(g -> out.append("GPU: ").append(gpu(g)).append('\n'));
    d.suggestedResources().map(DescriptorHelp::resources).filter(s -> !s.isEmpty())
        .ifPresent(s -> out.append("Suggested resources: ").append(s).append('\n'));
    if (!d.inputs().isEmpty()) {
      out.append("\nInputs:\n");
      for (Input in : d.inputs()) {
        out.append("  ").append(in.commandLineFlag().map(f -> f + " ").orElse("")).append(in.id())
            .append("  (").append(in.type().jsonName()).append(in.list() ? " list" : "").append(", ")
            .append(in.optional() ? "optional" : "required").append(')');
        in.valueKey().ifPresent(k -> out.append("  ").append(k));
        out.append('\n');
        List<String> facts = new ArrayList<>();
        if (!in.name().equals(in.id())) {
          facts.add(in.name());
        }
        in.defaultValue().ifPresent(v -> facts.add("default " + v.toJson()));
        if (in.hasChoices()) {
          facts.add("one of " + new JsonArray(in.valueChoices()).toJson());
        }
        range(in).ifPresent(facts::add);
        if (in.integer()) {
          facts.add("integer");
        }
        if (!in.requiresInputs().isEmpty()) {
          facts.add("requires " + String.join(", ", in.requiresInputs()));
        }
        if (!in.disablesInputs().isEmpty()) {
          facts.add("disables " + String.join(", ", in.disablesInputs()));
        }
        if (!facts.isEmpty()) {
          wrap(out, String.join("; ", facts), "      ");
        }
        in.description().filter(s -> !s.isBlank()).ifPresent(s -> wrap(out, s, "      "));
      }
    }
    if (!d.groups().isEmpty()) {
      out.append("\nGroups:\n");
      for (Group g : d.groups()) {
        List<String> kinds = new ArrayList<>();
        if (g.mutuallyExclusive()) {
          kinds.add("mutually exclusive");
        }
        if (g.oneIsRequired()) {
          kinds.add("one is required");
        }
        if (g.allOrNone()) {
          kinds.add("all or none");
        }
        out.append("  ").append(g.id()).append(kinds.isEmpty() ? "" : "  (" + String.join(", ", kinds) + ")")
            .append(": ").append(String.join(", ", g.members())).append('\n');
      }
    }
    if (!d.outputFiles().isEmpty()) {
      out.append("\nOutputs:\n");
      for (OutputFile o : d.outputFiles()) {
        out.append("  ").append(o.id()).append("  (").append(o.optional() ? "optional" : "required")
            .append(o.isConfigFile() ? ", configuration file" : "").append(')');
        o.valueKey().ifPresent(k -> out.append("  ").append(k));
        out.append('\n');
        if (o.pathTemplate().isPresent()) {
          out.append("      path: ").append(o.pathTemplate().get()).append('\n');
        }
        o.conditionalPathTemplate().forEach(c -> out.append("      ").append(c.isDefault() ? "otherwise" : "if "
            + c.condition()).append(": ").append(c.pathTemplate()).append('\n'));
        o.description().filter(s -> !s.isBlank()).ifPresent(s -> wrap(out, s, "      "));
      }
    }
    if (!d.errorCodes().isEmpty()) {
      out.append("\nExit codes:\n");
      d.errorCodes().forEach(e -> out.append("  ").append(e.code()).append("  ").append(e.description()).append('\n'));
    }
    if (!d.tests().isEmpty()) {
      out.append("\nTests: ").append(String.join(", ", d.tests().stream().map(t -> t.name()).toList())).append('\n');
    }
    return out.toString();
  }

  private static java.util.Optional<String> range(Input in) {
    if (in.minimum().isEmpty() && in.maximum().isEmpty()) {
      return java.util.Optional.empty();
    }
    String lo = in.minimum().map(JsonNumber::pythonString).map(v -> (in.exclusiveMinimum() ? "> " : ">= ") + v)
        .orElse("");
    String hi = in.maximum().map(JsonNumber::pythonString).map(v -> (in.exclusiveMaximum() ? "< " : "<= ") + v)
        .orElse("");
    return java.util.Optional.of((lo + (lo.isEmpty() || hi.isEmpty() ? "" : " and ") + hi).trim());
  }

  private static String container(ContainerImage c) {
    return c.type().jsonName() + " " + c.image().or(c::url).orElse("?")
        + c.index().map(i -> " (index " + i + ")").orElse("")
        + (c.containerOpts().isEmpty() ? "" : " options " + String.join(" ", c.containerOpts()));
  }

  private static String gpu(GpuRequirement g) {
    StringBuilder sb = new StringBuilder();
    sb.append(g.allDevices() ? "all devices" : g.count() + (g.count() == 1 ? " device" : " devices"));
    g.maxCount().ifPresent(m -> sb.append(" (up to ").append(m).append(')'));
    g.minMemoryGb().ifPresent(m -> sb.append(", ").append(PythonView.str(JsonNumber.of(m))).append(" GB each"));
    g.cudaVersionMin().ifPresent(v -> sb.append(", CUDA >= ").append(v));
    if (!g.computeCapabilities().isEmpty()) {
      sb.append(", compute capability ").append(String.join(" or ", g.computeCapabilities()));
    }
    g.type().ifPresent(t -> sb.append(", type ").append(t));
    sb.append(g.cpuFallback() ? "; preferred, the CPU is acceptable" : "; required");
    return sb.toString();
  }

  private static String resources(SuggestedResources r) {
    List<String> parts = new ArrayList<>();
    r.cpuCores().ifPresent(c -> parts.add(c + (c == 1 ? " CPU core" : " CPU cores")));
    r.ramGb().ifPresent(m -> parts.add(PythonView.str(JsonNumber.of(m)) + " GB RAM"));
    r.diskSpaceGb().ifPresent(m -> parts.add(PythonView.str(JsonNumber.of(m)) + " GB disk"));
    r.nodes().ifPresent(n -> parts.add(n + (n == 1 ? " node" : " nodes")));
    r.walltimeEstimateSeconds().ifPresent(w -> parts.add("walltime " + PythonView.str(JsonNumber.of(w)) + " s"));
    return String.join(", ", parts);
  }

  private static void wrap(StringBuilder out, String text, String indent) {
    for (String paragraph : text.split("\n")) {
      StringBuilder line = new StringBuilder(indent);
      for (String word : paragraph.trim().split("\\s+")) {
        if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
          out.append(line).append('\n');
          line = new StringBuilder(indent);
        }
        if (line.length() > indent.length()) {
          line.append(' ');
        }
        line.append(word);
      }
      if (line.length() > indent.length()) {
        out.append(line).append('\n');
      }
    }
  }
}
