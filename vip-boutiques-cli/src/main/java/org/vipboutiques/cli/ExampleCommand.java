package org.vipboutiques.cli;

import java.util.concurrent.Callable;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.example.ExampleGenerationException;
import org.vipboutiques.example.ExampleGenerator;
import org.vipboutiques.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code example DESCRIPTOR [--seed N] [--complete]}. */
@Command(name = "example", mixinStandardHelpOptions = true,
    description = "Print a random invocation that validates against the descriptor.")
final class ExampleCommand extends DescriptorCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DESCRIPTOR", description = "The descriptor (- for standard input).")
  String descriptorFile;

  @Option(names = "--seed", description = "Random seed; the same seed gives the same invocation.")
  Long seed;

  @Option(names = "--complete", description = "Give every optional input that can be given.")
  boolean complete;

  @Override
  public Integer call() {
    Descriptor descriptor = sources().descriptor(descriptorFile);
    long s = seed != null ? seed : System.nanoTime();
    try {
      var invocation = new ExampleGenerator(sources().boutiques(), descriptor).generate(s, complete);
      spec.commandLine().getOut().println(JsonWriter.pretty(4).write(invocation.toJson()));
      return ExitCodes.OK;
    } catch (ExampleGenerationException e) {
      throw CliException.invalid(descriptorFile + ": " + e.getMessage());
    }
  }
}
