package org.vipboutiques.cli;

import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.MalformedDescriptorException;
import org.vipboutiques.sweep.Sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonInputException;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.JsonWriter;
import org.vipboutiques.validation.DescriptorValidator;
import org.vipboutiques.validation.ValidationError;
import org.vipboutiques.validation.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code validate [--json] FILE...}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Validate descriptors: the Boutiques 0.5 JSON schema, then every semantic rule.",
        "Exits 0 when all are valid, 1 when any is not; errors go to standard error, one per line."})
final class ValidateCommand extends DescriptorCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "Print [{\"file\", \"valid\", \"errors\": [{\"rule\", \"ids\", \"message\"}]}].")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Descriptor files (- for standard input).")
  List<String> files;

  @Override
  public Integer call() {
    List<JsonValue> results = new ArrayList<>();
    boolean allValid = true;
    boolean usage = false;
    boolean unavailable = false;
    for (String file : files) {
      ValidationReport report;
      JsonObject descriptor = null;
      try {
        descriptor = sources().object(file, false);
        report = sources().boutiques().validate(descriptor, file);
      } catch (JsonInputException e) {
        report = DescriptorValidator.unreadable(e);
        usage |= e.kind() == JsonInputException.Kind.IO;
      } catch (CliException e) {
        spec.commandLine().getErr().println(e.getMessage());
        usage = true;
        unavailable |= e.exitCode() == ExitCodes.UNAVAILABLE;
        allValid = false;
        results.add(result(file, false, List.of(new ValidationError(org.vipboutiques.validation.Rule.JSON, List.of(),
            e.getMessage()))));
        continue;
      }
      VipDot dot = report.valid() && descriptor != null ? vipDot(typed(descriptor)) : new VipDot(List.of(), List.of());
      boolean valid = report.valid() && dot.errors().isEmpty();
      allValid &= valid;
      if (json) {
        results.add(result(file, valid, report.errors(), dot));
      } else if (valid) {
        spec.commandLine().getOut().println(file + ": valid");
      }
      for (ValidationError e : report.errors()) {
        spec.commandLine().getErr().println(file + ": " + e.message().replace("\n", "\n  "));
      }
      dot.errors().forEach(e -> spec.commandLine().getErr().println(file + ": " + e));
      if (!json) {
        dot.warnings().forEach(w -> spec.commandLine().getErr().println(file + ": warning: " + w));
      }
    }
    if (json) {
      spec.commandLine().getOut().println(JsonWriter.pretty(2).write(new JsonArray(results)));
    }
    if (usage && files.size() == 1) {
      return unavailable ? ExitCodes.UNAVAILABLE : ExitCodes.USAGE;
    }
    return allValid ? ExitCodes.OK : ExitCodes.INVALID;
  }

  /** VIP's reading of {@code custom."vip:dot"}: errors VIP's importer refuses, and its warnings. */
  record VipDot(List<String> errors, List<String> warnings) {}

  private static Descriptor typed(JsonObject json) {
    try {
      return Descriptor.fromJson(json);
    } catch (MalformedDescriptorException e) {
      throw new IllegalStateException("a valid descriptor could not be read again: " + e.getMessage(), e);
    }
  }

  private static VipDot vipDot(Descriptor descriptor) {
    return new VipDot(Sweep.dotProblems(descriptor), Sweep.dotWarnings(descriptor));
  }

  private static JsonObject result(String file, boolean valid, List<ValidationError> errors, VipDot dot) {
    JsonObject base = result(file, valid, errors);
    List<JsonValue> all = new ArrayList<>(base.array("errors").orElseThrow().items());
    for (String e : dot.errors()) {
      Map<String, JsonValue> m = new LinkedHashMap<>();
      m.put("rule", new JsonString(Sweep.DOT_KEY));
      m.put("ids", JsonArray.EMPTY);
      m.put("message", new JsonString(e));
      all.add(new JsonObject(m));
    }
    return base.with("errors", new JsonArray(all)).with("warnings",
        new JsonArray(dot.warnings().stream().<JsonValue>map(JsonString::new).toList()));
  }

  private static JsonObject result(String file, boolean valid, List<ValidationError> errors) {
    List<JsonValue> list = new ArrayList<>();
    for (ValidationError e : errors) {
      Map<String, JsonValue> m = new LinkedHashMap<>();
      m.put("rule", new JsonString(e.rule().code()));
      m.put("ids", new JsonArray(e.ids().stream().map(id -> (JsonValue) new JsonString(id)).toList()));
      m.put("message", new JsonString(e.message()));
      list.add(new JsonObject(m));
    }
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("file", new JsonString(file));
    m.put("valid", JsonBoolean.of(valid));
    m.put("errors", new JsonArray(list));
    return new JsonObject(m);
  }
}
