package org.vipboutiques.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.provenance.DataCollection;
import org.vipboutiques.provenance.ProvenanceRecords;
import org.vipboutiques.provenance.ReferenceRecords;

/**
 * A hit's record takes the inputs' sums from the key and the outputs' from the entry; the sums
 * are still those of the files, and an entry whose stored file changed is not used.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CacheHitSumsTest {

  @TempDir
  Path tmp;

  Descriptor tool() throws Exception {
    return Fixtures.BOUTIQUES.load(Fixtures.descriptorJson("cat [IN] > out.txt",
        "[{\"id\": \"in\", \"name\": \"i\", \"type\": \"File\", \"value-key\": \"[IN]\"}]", null,
        "[{\"id\": \"out\", \"name\": \"o\", \"path-template\": \"out.txt\"}]"), "sums");
  }

  JobResult run(JobExecutor executor, Path input) throws Exception {
    Descriptor d = tool();
    return executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, "{\"in\": \"" + input + "\"}"))
        .dataCollection(DataCollection.defaults().inDirectory(tmp.resolve("data"))).build()).await();
  }

  JobExecutor local() throws Exception {
    return JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(tmp.resolve("jobs"))
        .setting("cache", tmp.resolve("cache").toString()).build());
  }

  static String md5(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
  }

  static JsonObject record(JobResult r) throws Exception {
    return ReferenceRecords.read(ProvenanceRecords.recordOf(r.workDirectory()).orElseThrow());
  }

  static String outputSum(JobResult r) throws Exception {
    return record(r).object("public-output").orElseThrow().object("output-files").orElseThrow().object("out")
        .orElseThrow().string("md5sum").orElseThrow();
  }

  static String inputSum(JobResult r) throws Exception {
    return record(r).object("public-invocation").orElseThrow().object("in").orElseThrow().string("md5sum")
        .orElseThrow();
  }

  Path storedOutput() throws Exception {
    try (Stream<Path> s = Files.walk(tmp.resolve("cache"))) {
      List<Path> found = s.filter(p -> p.endsWith("files/out.txt")).toList();
      assertEquals(1, found.size(), found.toString());
      return found.get(0);
    }
  }

  @Test
  void aHitsRecordHasTheSumsOfItsInputAndOfTheOutputsInItsFolder() throws Exception {
    Path input = Files.writeString(tmp.resolve("in.txt"), "some content\n");
    JobResult first;
    JobResult hit;
    try (JobExecutor executor = local()) {
      first = run(executor, input);
      hit = run(executor, input);
    }
    assertTrue(hit.cacheHit(), hit.toString());
    Path out = hit.outputFiles().get("out").get(0);
    assertEquals(md5(input), inputSum(hit));
    assertEquals(md5(out), outputSum(hit));
    assertEquals(outputSum(first), outputSum(hit));
    JsonObject entry = ReferenceRecords.read(storedOutput().getParent().getParent().resolve("entry.json"));
    assertTrue(entry.toString().contains(md5(out)), "the entry keeps the output's sum: " + entry);
    // Copied, not linked: writing the hit's output leaves the entry as it was.
    assertFalse(Files.isSameFile(out, storedOutput()));
    Files.writeString(out, "changed by the user\n");
    assertEquals("some content\n", Files.readString(storedOutput()));
  }

  @Test
  void anEntryWhoseStoredOutputChangedIsAMissAndTheRecordStaysTrue() throws Exception {
    Path input = Files.writeString(tmp.resolve("in.txt"), "some content\n");
    try (JobExecutor executor = local()) {
      run(executor, input);
      Path stored = storedOutput();
      FileTime before = Files.getLastModifiedTime(stored);
      Files.writeString(stored, "SOME CONTENT\n"); // the same length, other bytes
      Files.setLastModifiedTime(stored, FileTime.fromMillis(before.toMillis() - 5_000));
      JobResult again = run(executor, input);
      assertFalse(again.cacheHit(), "a changed entry is not used");
      Path out = again.outputFiles().get("out").get(0);
      assertEquals("some content\n", Files.readString(out));
      assertEquals(md5(out), outputSum(again));
    }
  }
}
