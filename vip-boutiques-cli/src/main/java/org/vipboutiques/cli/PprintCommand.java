package org.vipboutiques.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pprint DESCRIPTOR}. */
@Command(name = "pprint", mixinStandardHelpOptions = true,
    description = "Print help for humans about the tool a descriptor describes.")
final class PprintCommand extends DescriptorCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DESCRIPTOR", description = "The descriptor (- for standard input).")
  String descriptorFile;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(DescriptorHelp.render(sources().descriptor(descriptorFile)));
    return ExitCodes.OK;
  }
}
