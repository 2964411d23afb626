package org.vipboutiques.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.execution.gpu.GpuCheck;
import org.vipboutiques.execution.gpu.GpuDecision;
import org.vipboutiques.execution.gpu.GpuDevice;
import org.vipboutiques.execution.gpu.GpuInventories;
import org.vipboutiques.execution.gpu.GpuInventory;
import org.vipboutiques.execution.gpu.GpuPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gpus [DESCRIPTOR]}. */
@Command(name = "gpus", mixinStandardHelpOptions = true,
    description = {"List the GPUs of this machine (and which ones jobs hold now); with a descriptor, say whether"
        + " its vip:gpu requirement can be met here and on which devices.",
        "Exit codes: 0, or 1 when the tool's required GPUs are not here."})
final class GpusCommand extends SourcesAware implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DESCRIPTOR", description = "A tool's descriptor.")
  String descriptorFile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<Descriptor> tool = Optional.ofNullable(descriptorFile).map(f -> sources().descriptor(f));
    GpuInventory inventory = GpuInventories.local();
    if (!inventory.known()) {
      out.println("GPUs: unknown here: " + inventory.note().orElse("no probe could read them"));
    } else {
      out.println("GPUs read with " + inventory.source() + inventory.driverVersion().map(v -> ", driver " + v)
          .orElse("") + inventory.cudaVersion().map(v -> ", CUDA " + v).orElse("") + ": "
          + inventory.devices().size());
      GpuPool pool = GpuPool.forMachine();
      Set<String> busy = pool.busy(inventory.devices());
      for (GpuDevice d : inventory.devices()) {
        out.println(String.format(Locale.ROOT, "  %d  %-28s %s  %d MiB (%.1f GB)  compute capability %s  %s",
            d.index(), d.name(), d.uuid(), d.memoryMib(), d.memoryGb(), d.computeCapability().orElse("unknown"),
            busy.contains(d.uuid()) ? "held by a job" : "free"));
      }
      inventory.note().ifPresent(n -> out.println("  (" + n + ")"));
      out.println("Device locks: " + pool.folder());
    }
    if (tool.isEmpty()) {
      return ExitCodes.OK;
    }
    Descriptor d = tool.get();
    Optional<GpuRequirement> need = d.gpu();
    if (need.isEmpty()) {
      out.println(d.name() + " asks for no GPU.");
      return ExitCodes.OK;
    }
    GpuDecision decision = GpuCheck.decide(need, inventory, true);
    switch (decision.kind()) {
      case USE_GPUS -> {
        out.println(d.name() + " can run here: " + decision.count() + " of "
            + decision.candidates().stream().map(g -> "GPU " + g.index()).collect(Collectors.joining(", "))
            + " per job (" + decision.candidates().size() / decision.count() + " such jobs at once).");
        return ExitCodes.OK;
      }
      case CPU_FALLBACK -> {
        out.println(d.name() + " runs here on the CPU: " + decision.reason());
        return ExitCodes.OK;
      }
      default -> {
        out.println(d.name() + " cannot run here: " + decision.reason());
        return ExitCodes.INVALID;
      }
    }
  }
}
