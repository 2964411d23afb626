package org.vipboutiques.dirac.wrapper;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vipboutiques.execution.job.SmallFile;

/**
 * What the wrapper reports in {@code vipb-summary.json}: the failure class and its exit code, the
 * tool's exit code, the container runtime used, the inputs fetched and the outputs found (each
 * with its LFN when uploaded, and whether it came back in the output sandbox).
 */
public record ResultSummary(String key, WrapperExit exit, Optional<Integer> toolExit, boolean timedOut,
    String runtime, String host, String message, Optional<String> toolStartedAt, List<Output> outputs) {

  public ResultSummary {
    outputs = List.copyOf(outputs);
  }

  /** An output file the wrapper found. */
  public record Output(String id, String path, long size, Optional<String> lfn, boolean inSandbox) {}

  /** The most bytes a summary is read from (one line per output: a few KiB, a few MiB for a job of 10,000 outputs). */
  static final int MAX_BYTES = 64 << 20;

  /** Reads a summary file; empty when it is missing or unreadable (the message is logged by the caller). */
  public static Optional<ResultSummary> read(Path file) {
    // It comes back from the worker with the tool's files: a link or a huge file there is no summary.
    Optional<String> text = SmallFile.read(file, MAX_BYTES);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(text.get()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  public static ResultSummary parse(String json) {
    JsonObject o;
    try {
      o = JsonParser.parseString(json).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new IllegalArgumentException("not a wrapper summary: " + e.getMessage(), e);
    }
    int code = o.has("wrapperExit") ? o.get("wrapperExit").getAsInt() : -1;
    WrapperExit exit = WrapperExit.ofCode(code)
        .or(() -> WrapperExit.ofClass(string(o, "class").orElse("")))
        .orElseThrow(() -> new IllegalArgumentException("unknown wrapper exit " + code));
    List<Output> outputs = new ArrayList<>();
    if (o.has("outputs") && o.get("outputs").isJsonArray()) {
      for (JsonElement e : o.getAsJsonArray("outputs")) {
        JsonObject out = e.getAsJsonObject();
        outputs.add(new Output(string(out, "id").orElse(""), string(out, "path").orElse(""),
            out.has("size") && !out.get("size").isJsonNull() ? out.get("size").getAsLong() : 0,
            string(out, "lfn"), out.has("inSandbox") && out.get("inSandbox").getAsBoolean()));
      }
    }
    Optional<Integer> tool = o.has("toolExit") && !o.get("toolExit").isJsonNull()
        ? Optional.of(o.get("toolExit").getAsInt()) : Optional.empty();
    return new ResultSummary(string(o, "key").orElse(""), exit, tool,
        o.has("timedOut") && o.get("timedOut").getAsBoolean(), string(o, "runtime").orElse("host"),
        string(o, "host").orElse(""), string(o, "message").orElse(""), string(o, "toolStartedAt"), outputs);
  }

  private static Optional<String> string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? Optional.empty() : Optional.of(e.getAsString());
  }
}
