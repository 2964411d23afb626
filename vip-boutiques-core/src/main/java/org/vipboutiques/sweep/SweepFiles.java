package org.vipboutiques.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vipboutiques.descriptor.OutputFile;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.job.OwnerOnly;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonNull;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.JsonWriter;

/** The sweep folder's files: the plan, and the results tables. Owner-only, never written through a link. */
final class SweepFiles {

  private SweepFiles() {}

  /** The descriptor, as given, beside the plan: a re-run or a re-attach needs nothing else. */
  static void writeDescriptor(Path file, SweepPlan plan) throws IOException {
    create(file, JsonWriter.pretty(2).write(plan.descriptor().json()) + "\n");
  }

  /**
   * The plan: each combination's values, whole invocation, and the job that runs it now (its
   * executor, id, folder and attempt, 1 for the first submission).
   */
  static void writePlan(Path file, SweepPlan plan, List<PlannedJob> jobs) throws IOException {
    List<JsonValue> rows = new ArrayList<>(plan.size());
    String executor = "";
    for (Combination c : plan.combinations()) {
      PlannedJob job = jobs.get(c.index());
      executor = job.executor();
      Map<String, JsonValue> row = new LinkedHashMap<>();
      row.put("index", JsonNumber.of(c.index()));
      row.put("values", new JsonObject(c.values()));
      row.put("invocation", c.invocation().toJson());
      row.put("executor", new JsonString(job.executor()));
      row.put("job-id", new JsonString(job.jobId()));
      row.put("job-folder", new JsonString(job.folder().toString()));
      row.put("attempt", JsonNumber.of(job.attempt()));
      rows.add(new JsonObject(row));
    }
    Map<String, JsonValue> top = new LinkedHashMap<>();
    top.put("tool", new JsonString(plan.descriptor().name()));
    top.put("executor", new JsonString(executor));
    top.put("dot", strings(plan.dotInputs()));
    top.put("cross", strings(plan.crossInputs()));
    top.put("combinations", new JsonArray(rows));
    create(file, JsonWriter.pretty(2).write(new JsonObject(top)) + "\n");
  }

  static void writeTables(Path tsv, Path json, SweepPlan plan, List<CombinationResult> rows) throws IOException {
    List<String> inputs = rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).combination().values().keySet());
    List<String> outputs = plan.descriptor().outputFiles().stream().map(OutputFile::id).toList();
    StringBuilder text = new StringBuilder("index");
    inputs.forEach(id -> text.append('\t').append(escape(id)));
    text.append("\tstate\texit-code\tjob-id\tjob-folder");
    outputs.forEach(id -> text.append("\toutput:").append(escape(id)));
    text.append('\n');
    List<JsonValue> jsonRows = new ArrayList<>(rows.size());
    for (CombinationResult row : rows) {
      JobResult r = row.result();
      text.append(row.combination().index());
      for (String id : inputs) {
        JsonValue v = row.combination().values().getOrDefault(id, JsonNull.INSTANCE);
        text.append('\t').append(escape(v instanceof JsonString s ? s.value() : JsonWriter.compact().write(v)));
      }
      text.append('\t').append(state(r)).append('\t').append(r.exitCode().map(String::valueOf).orElse(""))
          .append('\t').append(escape(r.jobId())).append('\t').append(escape(r.workDirectory().toString()));
      for (String id : outputs) {
        List<String> paths = r.outputFiles().getOrDefault(id, List.of()).stream()
            .map(p -> escape(p.toString()).replace(";", "\\;")).toList();
        text.append('\t').append(String.join(";", paths));
      }
      text.append('\n');
      jsonRows.add(jsonRow(row));
    }
    create(tsv, text.toString());
    Map<String, JsonValue> top = new LinkedHashMap<>();
    top.put("tool", new JsonString(plan.descriptor().name()));
    top.put("combinations", new JsonArray(jsonRows));
    create(json, JsonWriter.pretty(2).write(new JsonObject(top)) + "\n");
  }

  private static JsonObject jsonRow(CombinationResult row) {
    JobResult r = row.result();
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("index", JsonNumber.of(row.combination().index()));
    m.put("values", new JsonObject(row.combination().values()));
    m.put("state", new JsonString(state(r)));
    m.put("exit-code", r.exitCode().<JsonValue>map(c -> JsonNumber.of(c)).orElse(JsonNull.INSTANCE));
    m.put("job-id", new JsonString(r.jobId()));
    m.put("job-folder", new JsonString(r.workDirectory().toString()));
    Map<String, JsonValue> outputs = new LinkedHashMap<>();
    r.outputFiles().forEach((id, files) -> outputs.put(id,
        new JsonArray(files.stream().<JsonValue>map(f -> new JsonString(f.toString())).toList())));
    m.put("outputs", new JsonObject(outputs));
    m.put("missing-outputs", new JsonArray(r.missingOutputs().stream()
        .<JsonValue>map(o -> new JsonString(o.id())).toList()));
    m.put("missing-output-paths", new JsonArray(r.missingOutputs().stream()
        .<JsonValue>map(o -> new JsonObject(Map.of("id", new JsonString(o.id()), "path", new JsonString(o.path()),
            "optional", org.vipboutiques.json.JsonBoolean.of(o.optional())))).toList()));
    m.put("failure", r.failure().<JsonValue>map(JsonString::new).orElse(JsonNull.INSTANCE));
    // What a later re-run or re-attach needs to keep this row as it is.
    m.put("backend-state", new JsonString(r.backendState()));
    m.put("stdout", new JsonString(r.stdoutFile().toString()));
    m.put("stderr", new JsonString(r.stderrFile().toString()));
    m.put("command-line", new JsonString(r.commandLine()));
    m.put("submitted", new JsonString(r.submittedAt().toString()));
    m.put("started", r.startedAt().<JsonValue>map(t -> new JsonString(t.toString())).orElse(JsonNull.INSTANCE));
    m.put("finished", new JsonString(r.finishedAt().toString()));
    return new JsonObject(m);
  }

  static String state(JobResult r) {
    return r.state().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** A TSV field: backslash, tab and line breaks written as {@code \\ \t \n \r}. */
  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static JsonArray strings(List<String> ids) {
    return new JsonArray(ids.stream().<JsonValue>map(JsonString::new).toList());
  }

  /** Replaces a file of ours: an old one (or a link put there) is removed, never written through. */
  private static void create(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    OwnerOnly.createNew(file, text.getBytes(StandardCharsets.UTF_8));
  }

}
