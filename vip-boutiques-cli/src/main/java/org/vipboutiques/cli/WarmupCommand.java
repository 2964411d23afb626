package org.vipboutiques.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.example.ExampleGenerator;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonWriter;
import org.vipboutiques.query.Evaluation;
import org.vipboutiques.validation.ValidationReport;
import picocli.CommandLine.Command;

/**
 * Runs every command once on a bundled descriptor. {@code bin/vip-boutiques} runs it under
 * {@code -XX:ArchiveClassesAtExit} so that later starts map the classes a command needs.
 */
@Command(name = "warmup", hidden = true, description = "Exercise every command once (for class data sharing).")
final class WarmupCommand extends SourcesAware implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    String text;
    try (InputStream in = WarmupCommand.class.getResourceAsStream("warmup-descriptor.json")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var boutiques = sources().boutiques();
    JsonObject json = boutiques.parser().parseObject(text, "warmup");
    ValidationReport report = boutiques.validate(json, "warmup");
    if (!report.valid()) {
      throw new IllegalStateException(report.describe());
    }
    boutiques.validate(json.without("name"), "warmup");
    Descriptor descriptor = boutiques.load(json, "warmup");
    var invocation = new ExampleGenerator(boutiques, descriptor).generate(1, true);
    var simulation = boutiques.simulate(descriptor, invocation);
    new Evaluation(descriptor, invocation, simulation).evaluate("output-files/optional=False");
    JsonWriter.pretty(2).write(boutiques.invocationSchema(descriptor));
    DescriptorHelp.render(descriptor);
    try {
      boutiques.invocation(descriptor, boutiques.parser().parseObject("{\"level\": 12}", "warmup"));
    } catch (org.vipboutiques.invocation.InvalidInvocationException expected) {
      // the error path is part of a typical run too
    }
    return ExitCodes.OK;
  }
}
