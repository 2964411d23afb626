package org.vipboutiques.cli;

import java.util.concurrent.Callable;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code invocation DESCRIPTOR [-i INVOCATION]}. */
@Command(name = "invocation", mixinStandardHelpOptions = true,
    description = {"Print the invocation JSON schema of a descriptor, or, with -i, check an invocation.",
        "Defaults are applied first; exits 1 when the invocation is invalid."})
final class InvocationCommand extends DescriptorCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DESCRIPTOR", description = "The descriptor (- for standard input).")
  String descriptorFile;

  @Option(names = {"-i", "--invocation"}, paramLabel = "INVOCATION",
      description = "The invocation to check: a file, - for standard input, or inline JSON.")
  String invocationFile;

  @Override
  public Integer call() {
    Descriptor descriptor = sources().descriptor(descriptorFile);
    if (invocationFile == null) {
      spec.commandLine().getOut().println(JsonWriter.pretty(4).write(sources().boutiques().invocationSchema(descriptor)));
      return ExitCodes.OK;
    }
    try {
      sources().boutiques().invocation(descriptor, sources().invocation(invocationFile));
      spec.commandLine().getOut().println(invocationFile + ": valid");
      return ExitCodes.OK;
    } catch (InvalidInvocationException e) {
      throw Invalid.invocation(invocationFile, e);
    }
  }
}
