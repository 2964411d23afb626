package org.vipboutiques.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vipboutiques.commandline.Simulation;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.example.ExampleGenerationException;
import org.vipboutiques.example.ExampleGenerator;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code simulate DESCRIPTOR [-i INVOCATION] [--json]}. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Print the command line of an invocation, as the tool would be run, without running it.",
        "Without -i, a random valid invocation is used."})
final class SimulateCommand extends DescriptorCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DESCRIPTOR", description = "The descriptor (- for standard input).")
  String descriptorFile;

  @Option(names = {"-i", "--invocation"}, paramLabel = "INVOCATION",
      description = "The invocation: a file, - for standard input, or inline JSON.")
  String invocationFile;

  @Option(names = "--json", description = "Print {\"command-line\", \"output-files\", \"config-files\"}.")
  boolean json;

  @Option(names = "--seed", description = "Seed of the random invocation used without -i (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  long seed;

  @Option(names = "--complete", description = "Without -i, give every optional input that can be given.")
  boolean complete;

  @Override
  public Integer call() {
    Descriptor descriptor = sources().descriptor(descriptorFile);
    String source = invocationFile == null ? "<random invocation>" : invocationFile;
    Simulation simulation;
    try {
      Invocation invocation;
      if (invocationFile == null) {
        invocation = new ExampleGenerator(sources().boutiques(), descriptor).generate(seed, complete);
      } else {
        invocation = sources().boutiques().invocation(descriptor, sources().invocation(invocationFile));
      }
      simulation = sources().boutiques().simulate(descriptor, invocation);
    } catch (InvalidInvocationException e) {
      throw Invalid.invocation(source, e);
    } catch (ExampleGenerationException e) {
      throw CliException.invalid(descriptorFile + ": " + e.getMessage());
    }
    if (json) {
      Map<String, JsonValue> m = new LinkedHashMap<>();
      m.put("command-line", new JsonString(simulation.commandLine()));
      m.put("output-files", strings(simulation.outputFiles()));
      m.put("config-files", strings(simulation.configFiles()));
      spec.commandLine().getOut().println(JsonWriter.pretty(2).write(new JsonObject(m)));
    } else {
      spec.commandLine().getOut().println(simulation.commandLine());
    }
    return ExitCodes.OK;
  }

  static JsonObject strings(Map<String, String> map) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    map.forEach((k, v) -> m.put(k, new JsonString(v)));
    return new JsonObject(m);
  }
}
