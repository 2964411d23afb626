package org.vipboutiques.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.MissingOutput;
import org.vipboutiques.execution.Attempt;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonNull;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/** Job results as text for people (like the reference's summary) and as JSON for scripts. */
final class JobResults {

  private JobResults() {}

  static void printSummary(JobResult r, PrintWriter out) {
    out.println("Shell command");
    out.println("  " + r.commandLine());
    r.containerCommand().ifPresent(c -> {
      out.println("Container command");
      out.println("  " + c);
    });
    out.println("Job");
    out.println("  " + r.jobId() + " in " + r.workDirectory() + " (" + r.state().name().toLowerCase()
        + ", " + org.vipboutiques.execution.Durations.format(r.duration()) + (r.cacheHit() ? ", cache hit" : "") + ")");
    out.println("Exit code");
    out.println("  " + r.exitCode().map(String::valueOf).orElse("none")
        + r.exitCodeDescription().map(d -> " (" + d + ")").orElse(""));
    if (!r.stdoutTail().isEmpty()) {
      out.println("Std out" + (r.stdoutTail().length() >= 64 * 1024 ? " (end; whole log in " + r.stdoutFile() + ")" : ""));
      out.print(indent(r.stdoutTail()));
    }
    if (!r.stderrTail().isEmpty()) {
      out.println("Std err" + (r.stderrTail().length() >= 64 * 1024 ? " (end; whole log in " + r.stderrFile() + ")" : ""));
      out.print(indent(r.stderrTail()));
    }
    r.failure().ifPresent(f -> {
      out.println("Error");
      out.println("  " + f);
    });
    if (r.attempts().size() > 1) {
      out.println("Attempts");
      for (Attempt a : r.attempts()) {
        out.println("  " + a.number() + ": " + a.jobId() + " " + a.state().name().toLowerCase()
            + (a.state() == org.vipboutiques.execution.JobState.FAILED ? " (" + describe(a) + ")" : ""));
      }
    }
    out.println("Output files");
    r.outputFiles().forEach((id, files) -> files.forEach(f -> out.println("  " + f + " (" + id + ")")));
    if (!r.missingOutputs().isEmpty()) {
      out.println("Missing files");
      for (MissingOutput m : r.missingOutputs()) {
        out.println("  " + m.path() + " (" + m.id() + ", " + (m.optional() ? "optional" : "required") + ")");
      }
    }
    out.flush();
  }

  private static String indent(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        sb.append("  ").append(line).append('\n');
      }
    }
    return sb.toString();
  }

  /** Why an attempt failed, in a few words: its failure kind and reason, or its exit code. */
  static String describe(Attempt a) {
    return a.failureKind().name().toLowerCase() + ": " + a.failure().orElseGet(() -> "exit code "
        + a.exitCode().map(String::valueOf).orElse("none"));
  }

  static JsonObject json(JobResult r) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("job-id", new JsonString(r.jobId()));
    m.put("state", new JsonString(r.state().name().toLowerCase()));
    m.put("backend-state", new JsonString(r.backendState()));
    m.put("cache-hit", JsonBoolean.of(r.cacheHit()));
    m.put("exit-code", r.exitCode().<JsonValue>map(c -> JsonNumber.of(c)).orElse(JsonNull.INSTANCE));
    m.put("exit-code-description", r.exitCodeDescription().<JsonValue>map(JsonString::new).orElse(JsonNull.INSTANCE));
    m.put("failure", r.failure().<JsonValue>map(JsonString::new).orElse(JsonNull.INSTANCE));
    m.put("failure-kind", new JsonString(r.failureKind().name().toLowerCase()));
    m.put("work-directory", new JsonString(r.workDirectory().toString()));
    m.put("command-line", new JsonString(r.commandLine()));
    m.put("container-command", r.containerCommand().<JsonValue>map(JsonString::new).orElse(JsonNull.INSTANCE));
    m.put("stdout-file", new JsonString(r.stdoutFile().toString()));
    m.put("stderr-file", new JsonString(r.stderrFile().toString()));
    m.put("stdout", new JsonString(r.stdoutTail()));
    m.put("stderr", new JsonString(r.stderrTail()));
    Map<String, JsonValue> outputs = new LinkedHashMap<>();
    r.outputFiles().forEach((id, files) -> {
      List<JsonValue> paths = new ArrayList<>();
      for (Path f : files) {
        paths.add(new JsonString(f.toString()));
      }
      outputs.put(id, new JsonArray(paths));
    });
    m.put("output-files", new JsonObject(outputs));
    List<JsonValue> missing = new ArrayList<>();
    for (MissingOutput mo : r.missingOutputs()) {
      missing.add(new JsonObject(Map.of("id", new JsonString(mo.id()), "path", new JsonString(mo.path()),
          "optional", JsonBoolean.of(mo.optional()))));
    }
    m.put("missing-files", new JsonArray(missing));
    m.put("submitted", new JsonString(r.submittedAt().toString()));
    m.put("started", r.startedAt().<JsonValue>map(t -> new JsonString(t.toString())).orElse(JsonNull.INSTANCE));
    m.put("finished", new JsonString(r.finishedAt().toString()));
    m.put("seconds", JsonNumber.of(r.duration().toMillis() / 1000.0));
    List<JsonValue> attempts = new ArrayList<>();
    for (Attempt a : r.attempts()) {
      Map<String, JsonValue> o = new LinkedHashMap<>();
      o.put("number", JsonNumber.of(a.number()));
      o.put("job-id", new JsonString(a.jobId()));
      o.put("state", new JsonString(a.state().name().toLowerCase()));
      o.put("failure-kind", new JsonString(a.failureKind().name().toLowerCase()));
      o.put("failure", a.failure().<JsonValue>map(JsonString::new).orElse(JsonNull.INSTANCE));
      o.put("exit-code", a.exitCode().<JsonValue>map(c -> JsonNumber.of(c)).orElse(JsonNull.INSTANCE));
      o.put("finished", new JsonString(a.finishedAt().toString()));
      attempts.add(new JsonObject(o));
    }
    m.put("attempts", new JsonArray(attempts));
    return new JsonObject(m);
  }

  /** The launch exit code: the tool's, else one that says how the job ended. */
  static int exitCode(JobResult r) {
    switch (r.state()) {
      case SUCCEEDED:
        return 0;
      case CANCELLED:
        return 130;
      default:
        break;
    }
    if (r.exitCode().isPresent() && r.exitCode().get() != 0) {
      return r.exitCode().get() & 0xff;
    }
    if (r.failure().map(f -> f.startsWith("timed out")).orElse(false)) {
      return 124;
    }
    if (r.exitCode().isPresent()) {
      return 3; // exited 0 but a required output is missing
    }
    return 4;
  }
}
