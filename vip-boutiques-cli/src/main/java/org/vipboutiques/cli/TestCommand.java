package org.vipboutiques.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.JsonWriter;
import org.vipboutiques.testing.ToolTestOutcome;
import org.vipboutiques.testing.ToolTestRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code test DESCRIPTOR}. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Run the tests a descriptor ships (its \"tests\"): exit code, outputs present,",
        "MD5 references, and the vip: assertions: outputs within tolerance of reference",
        "files (vip:reference), patterns in stdout and stderr (vip:stdout-matches, ...).",
        "One line per test; exits 0 only when all pass. Relative input and reference",
        "files are found beside the descriptor (for a Zenodo id, in the current folder,",
        "as bosh test does)."})
final class TestCommand extends DescriptorCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DESCRIPTOR", description = "The descriptor.")
  String descriptorFile;

  @Mixin
  ExecutionOptions execution;

  @Option(names = "--json", description = "Print [{\"test\", \"passed\", \"problems\"}].")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Descriptor descriptor = sources().descriptor(descriptorFile);
    PrintWriter out = spec.commandLine().getOut();
    if (descriptor.tests().isEmpty()) {
      spec.commandLine().getErr().println(descriptorFile + ": the descriptor has no tests");
      return ExitCodes.OK;
    }
    Path beside = testsFolder(descriptorFile);
    List<ToolTestOutcome> outcomes;
    try (JobExecutor executor = execution.open(descriptor)) {
      outcomes = new ToolTestRunner(sources().boutiques(), executor,
          b -> execution.apply(b).inputDirectory(beside)).referenceDirectory(beside).runAll(descriptor);
    }
    int failed = 0;
    List<JsonValue> results = new ArrayList<>();
    for (ToolTestOutcome o : outcomes) {
      if (!o.passed()) {
        failed++;
      }
      if (json) {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        m.put("test", new JsonString(o.name()));
        m.put("passed", JsonBoolean.of(o.passed()));
        m.put("problems", new JsonArray(o.problems().stream().map(p -> (JsonValue) new JsonString(p)).toList()));
        o.result().ifPresent(r -> m.put("job", JobResults.json(r)));
        results.add(new JsonObject(m));
      } else {
        out.println((o.passed() ? "PASS " : "FAIL ") + o.name() + (o.passed() ? ""
            : ": " + String.join("; ", o.problems()))
            + o.result().filter(r -> !o.passed()).map(r -> " (job folder " + r.workDirectory() + ")").orElse(""));
      }
    }
    if (json) {
      out.println(JsonWriter.pretty(2).write(new JsonArray(results)));
    } else {
      out.println((outcomes.size() - failed) + " passed, " + failed + " failed");
    }
    return failed == 0 ? ExitCodes.OK : ExitCodes.INVALID;
  }

  /**
   * Where the tests' relative input and reference files are: beside a descriptor file; for a
   * descriptor read from Zenodo ({@code zenodo.N}, a DOI ending with it) or standard input, the
   * current folder, which is where the reference's {@code bosh test} launches each test and
   * checks its outputs (a DOI's {@code 10.5281/} is no folder).
   */
  static Path testsFolder(String descriptorArgument) {
    Path file = Path.of(descriptorArgument);
    if (!descriptorArgument.equals("-") && Files.isRegularFile(file)) {
      return file.toAbsolutePath().getParent();
    }
    return Path.of("").toAbsolutePath();
  }
}
