package org.vipboutiques.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.json.JsonWriter;
import org.vipboutiques.query.Evaluation;
import org.vipboutiques.query.QueryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code evaluate DESCRIPTOR INVOCATION QUERY...}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Print resolved values of an invocation, one JSON object per query.",
        "Queries: output-files, output-files/optional=False, inputs/type=File,list=True, groups."})
final class EvaluateCommand extends DescriptorCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DESCRIPTOR", description = "The descriptor.")
  String descriptorFile;

  @Parameters(index = "1", paramLabel = "INVOCATION", description = "The invocation (file, - or inline JSON).")
  String invocationFile;

  @Parameters(index = "2..*", arity = "1..*", paramLabel = "QUERY", description = "What to print.")
  List<String> queries;

  @Override
  public Integer call() {
    Descriptor descriptor = sources().descriptor(descriptorFile);
    Evaluation evaluation;
    try {
      Invocation invocation = sources().boutiques().invocation(descriptor, sources().invocation(invocationFile));
      evaluation = new Evaluation(descriptor, invocation, sources().boutiques().simulate(descriptor, invocation));
    } catch (InvalidInvocationException e) {
      throw Invalid.invocation(invocationFile, e);
    }
    for (String query : queries) {
      try {
        spec.commandLine().getOut().println(JsonWriter.pretty(4).write(evaluation.evaluate(query)));
      } catch (QueryException e) {
        throw CliException.usage("invalid query: " + e.getMessage());
      }
    }
    return ExitCodes.OK;
  }
}
