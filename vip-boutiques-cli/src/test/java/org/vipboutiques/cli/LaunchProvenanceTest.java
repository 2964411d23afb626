package org.vipboutiques.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;

/** {@code launch}'s data collection switches, as {@code bosh exec launch}'s. */
class LaunchProvenanceTest {

  @TempDir
  Path dir;

  private List<Path> records(Path data) throws Exception {
    if (!Files.isDirectory(data)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(data)) {
      return files.filter(f -> !f.getFileName().toString().startsWith("descriptor_")).toList();
    }
  }

  @Test
  void launchWritesARecordWithTheProvenanceGiven() throws Exception {
    Path tool = Files.writeString(dir.resolve("tool.json"), MainTest.RUNNABLE);
    Path data = dir.resolve("data");
    MainTest.Run r = MainTest.run("", "launch", tool.toString(), "{\"name\": \"w\", \"code\": 5}",
        "--jobs-dir", dir.resolve("jobs").toString(), "--data-dir", data.toString(), "--provenance", "{\"who\": \"me\"}");
    assertEquals(5, r.code(), r.err());
    List<Path> records = records(data);
    assertEquals(1, records.size(), records.toString());
    JsonObject record = JsonParser.withDefaults().parseObject(records.get(0));
    assertEquals("me", record.object("additional-information").orElseThrow().string("who").orElseThrow());
    assertEquals("5", record.object("public-output").orElseThrow().number("exit-code").orElseThrow().literal());
    assertEquals("local", record.object("vip:execution").orElseThrow().string("executor").orElseThrow());
  }

  @Test
  void skipDataCollectionWithADataFolderOrProvenanceIsAUsageError() throws Exception {
    Path tool = Files.writeString(dir.resolve("tool.json"), MainTest.RUNNABLE);
    Path data = dir.resolve("data");
    MainTest.Run r = MainTest.run("", "launch", tool.toString(), "{\"name\": \"w\"}",
        "--jobs-dir", dir.resolve("jobs").toString(), "--skip-data-collection", "--data-dir", data.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--skip-data-collection writes no record"), r.err());
    assertFalse(Files.exists(data));
  }

  @Test
  void provenanceThatIsNotAJsonObjectIsOneClearLine() throws Exception {
    Path tool = Files.writeString(dir.resolve("tool.json"), MainTest.RUNNABLE);
    MainTest.Run r = MainTest.run("", "launch", tool.toString(), "{\"name\": \"w\"}",
        "--jobs-dir", dir.resolve("jobs").toString(), "--provenance", "[1, 2]");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--provenance takes a JSON object"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void recordWritesTheRecordToTheFileGivenAndNeverOverAFile() throws Exception {
    Path tool = Files.writeString(dir.resolve("tool.json"), MainTest.RUNNABLE);
    Path data = dir.resolve("data");
    Path file = dir.resolve("records/run1.json");
    MainTest.Run r = MainTest.run("", "launch", tool.toString(), "{\"name\": \"w\"}",
        "--jobs-dir", dir.resolve("jobs").toString(), "--data-dir", data.toString(), "--record", file.toString());
    assertEquals(0, r.code(), r.err());
    JsonObject record = JsonParser.withDefaults().parseObject(file);
    assertEquals("greeter", record.object("summary").orElseThrow().string("name").orElseThrow());
    assertTrue(Files.isRegularFile(data.resolve(record.object("summary").orElseThrow().string("descriptor-doi")
        .orElseThrow())), "the descriptor the record names is in the data folder");
    assertEquals(List.of(), records(data), "the record went to the file, not the data folder");
    MainTest.Run again = MainTest.run("", "launch", tool.toString(), "{\"name\": \"w\"}",
        "--jobs-dir", dir.resolve("jobs").toString(), "--record", file.toString());
    assertEquals(2, again.code(), again.err());
    assertTrue(again.err().contains("a record never replaces one"), again.err());
  }
}
