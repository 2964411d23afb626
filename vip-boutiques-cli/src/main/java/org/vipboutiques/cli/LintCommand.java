package org.vipboutiques.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonInputException;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.JsonWriter;
import org.vipboutiques.lint.DescriptorLint;
import org.vipboutiques.lint.LintReport;
import org.vipboutiques.lint.LintWarning;
import org.vipboutiques.validation.ValidationError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lint [--strict] [--json] FILE...}. */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = {"Warn where a valid descriptor is not portable: its meaning depends on a",
        "quirk of the reference (bosh), its image has no tag or digest, vip:gpu has",
        "no policy, inputs have no description, or it has no tests.",
        "One line per warning: FILE:LINE: warning [KIND] at JSON-PATH: what; fix: how.",
        "Invalid descriptors: their errors on standard error. Exits 0 with warnings",
        "(1 with --strict), 1 when a descriptor is invalid, 2 for an unreadable file."})
final class LintCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--strict", description = "Exit 1 when there is any warning.")
  boolean strict;

  @Option(names = "--json", description = "Print [{\"file\", \"valid\", \"errors\", \"warnings\": [{\"kind\", \"path\","
      + " \"line\", \"message\", \"fix\"}]}].")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Descriptor files.")
  List<Path> files;

  @Override
  public Integer call() {
    boolean unreadable = false;
    boolean invalid = false;
    int warnings = 0;
    Map<String, Integer> byKind = new TreeMap<>();
    List<JsonValue> results = new ArrayList<>();
    for (Path file : files) {
      LintReport report;
      try {
        report = DescriptorLint.lint(file);
      } catch (JsonInputException e) {
        spec.commandLine().getErr().println(e.getMessage());
        unreadable |= e.kind() == JsonInputException.Kind.IO;
        invalid = true;
        continue;
      }
      if (!report.valid()) {
        invalid = true;
        for (ValidationError e : report.validation().errors()) {
          spec.commandLine().getErr().println(file + ": " + e.message().replace("\n", "\n  "));
        }
      }
      for (LintWarning w : report.warnings()) {
        warnings++;
        byKind.merge(w.kind().code(), 1, Integer::sum);
        if (!json) {
          spec.commandLine().getOut().println(w);
        }
      }
      if (json) {
        results.add(json(report));
      }
    }
    if (json) {
      spec.commandLine().getOut().println(JsonWriter.pretty(2).write(new JsonArray(results)));
    } else if (warnings > 0) {
      StringBuilder sb = new StringBuilder();
      byKind.forEach((k, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(n));
      spec.commandLine().getErr().println(warnings + " warning(s) in " + files.size() + " file(s): " + sb
          + (strict ? "" : " (--strict makes warnings fail)"));
    }
    if (unreadable && files.size() == 1) {
      return ExitCodes.USAGE;
    }
    return invalid || strict && warnings > 0 ? ExitCodes.INVALID : ExitCodes.OK;
  }

  private static JsonObject json(LintReport r) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("file", new JsonString(r.source()));
    m.put("valid", JsonBoolean.of(r.valid()));
    m.put("errors", new JsonArray(r.validation().errors().stream().<JsonValue>map(e -> new JsonString(e.message()))
        .toList()));
    List<JsonValue> ws = new ArrayList<>();
    for (LintWarning w : r.warnings()) {
      Map<String, JsonValue> o = new LinkedHashMap<>();
      o.put("kind", new JsonString(w.kind().code()));
      o.put("path", new JsonString(w.path()));
      w.line().ifPresent(l -> o.put("line", JsonNumber.of(l)));
      o.put("message", new JsonString(w.message()));
      o.put("fix", new JsonString(w.fix()));
      ws.add(new JsonObject(o));
    }
    m.put("warnings", new JsonArray(ws));
    return new JsonObject(m);
  }
}
