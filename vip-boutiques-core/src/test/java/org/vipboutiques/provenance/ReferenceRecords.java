package org.vipboutiques.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.testing.conditions.Reference;

/**
 * Runs the reference (bosh) on provenance records, for the tests of every executor: its reader
 * ({@code bosh data inspect}) on our data folder, its writer ({@code bosh exec launch}) for a record
 * to compare ours with. Each run gets its own HOME, which is where the reference keeps its data
 * folder ({@code ~/.cache/boutiques/data}).
 */
public final class ReferenceRecords {

  private ReferenceRecords() {}

  /** The data folder the reference uses under {@code home}. */
  public static Path dataFolder(Path home) {
    return home.resolve(".cache/boutiques/data");
  }

  /** What {@code bosh data inspect ARGS} prints with HOME={@code home}; fails the test unless it exits 0. */
  public static String inspect(Path home, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("data", "inspect"));
    command.addAll(List.of(args));
    Run r = bosh(home, home, command.toArray(String[]::new));
    assertEquals(0, r.exitCode(), "bosh data inspect failed: " + r.output());
    return r.output();
  }

  /** Runs {@code bosh exec launch} in {@code cwd} with HOME={@code home} and returns the record it wrote. */
  public static Path launch(Path home, Path cwd, Path descriptor, Path invocation, String... extra) throws Exception {
    List<String> command = new ArrayList<>(List.of("exec", "launch", descriptor.toString(), invocation.toString()));
    command.addAll(List.of(extra));
    Run r = bosh(home, cwd, command.toArray(String[]::new));
    List<Path> records = records(dataFolder(home));
    assertEquals(1, records.size(), "bosh exec launch wrote no record (exit " + r.exitCode() + "): " + r.output());
    return records.get(0);
  }

  /** The records (not the descriptors) of a data folder, as the reference tells them apart. */
  public static List<Path> records(Path data) throws IOException {
    if (!Files.isDirectory(data)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(data)) {
      return files.filter(f -> !f.getFileName().toString().split("_")[0].equals("descriptor")).sorted().toList();
    }
  }

  public static JsonObject read(Path record) throws Exception {
    return JsonParser.withDefaults().parseObject(record);
  }

  /**
   * A record as the reference's content compares: our own key dropped, folder entries in name order
   * (the reference lists them in the file system's order), the date-time and the saved descriptor's
   * file name (both stamps) left out.
   */
  public static JsonObject comparable(JsonObject record) {
    JsonObject summary = record.object("summary").orElseThrow();
    assertTrue(summary.string("date-time").orElseThrow().matches("\\d{4}-\\d\\d-\\d\\d_\\d\\dh\\d\\dm\\d\\ds\\d{6}ms"),
        summary.toString());
    assertTrue(summary.string("descriptor-doi").orElseThrow().matches("descriptor_.+_\\d{4}-\\d\\d-\\d\\d_.+\\.json"),
        summary.toString());
    return (JsonObject) sortFolders(record.without(ProvenanceRecords.EXECUTION_KEY)
        .with("summary", summary.without("date-time").without("descriptor-doi")));
  }

  private static JsonValue sortFolders(JsonValue v) {
    if (v instanceof JsonObject o) {
      Map<String, JsonValue> out = new LinkedHashMap<>();
      o.members().forEach((k, x) -> out.put(k, sortFolders(x)));
      if (o.has("files") && out.get("files") instanceof JsonArray files) {
        out.put("files", new JsonArray(files.items().stream()
            .sorted(Comparator.comparing(f -> ((JsonObject) f).string("file-name").orElse(""))).toList()));
      }
      return new JsonObject(out);
    }
    if (v instanceof JsonArray a) {
      return new JsonArray(a.items().stream().map(ReferenceRecords::sortFolders).toList());
    }
    return v;
  }

  record Run(int exitCode, String output) {}

  private static Run bosh(Path home, Path cwd, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Reference.bosh(args)).directory(cwd.toFile()).redirectErrorStream(true);
    pb.environment().put("HOME", home.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("bosh " + String.join(" ", args) + " did not end in 120 s");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
