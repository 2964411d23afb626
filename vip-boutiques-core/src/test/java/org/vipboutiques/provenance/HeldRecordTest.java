package org.vipboutiques.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.json.JsonParser;

/**
 * A folder held before its record exists (a retried job's): the first attempt prepares the record
 * held, the attempts after it neither read the inputs nor replace it, and release makes it the
 * record the next job to end writes.
 */
class HeldRecordTest {

  @TempDir
  Path tmp;

  JobRequest request(Path input) throws Exception {
    Descriptor d = Fixtures.descriptor("cat [IN]",
        "[{\"id\": \"in\", \"name\": \"i\", \"type\": \"File\", \"value-key\": \"[IN]\"}]", null, null);
    return JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, "{\"in\": \"" + input + "\"}"))
        .dataCollection(DataCollection.defaults().inDirectory(tmp.resolve("data"))).build();
  }

  static String sum(Path pending) throws Exception {
    return JsonParser.withDefaults().parseObject(pending).object("public-invocation").orElseThrow().object("in")
        .orElseThrow().string("md5sum").orElseThrow();
  }

  static String md5(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes()));
  }

  @Test
  void aRecordPreparedInAHeldFolderIsHeldAndPreparedOnce() throws Exception {
    Path input = Files.writeString(tmp.resolve("in.txt"), "first");
    Path folder = Files.createDirectories(tmp.resolve("job"));
    ProvenanceRecords.hold(folder);
    ProvenanceRecords.prepare(request(input), folder);
    assertFalse(Files.exists(folder.resolve(ProvenanceRecords.PENDING)), "an attempt's end writes no record");
    assertEquals(md5("first"), sum(folder.resolve(ProvenanceRecords.HELD)));

    Files.writeString(input, "second attempt sees other bytes");
    ProvenanceRecords.prepare(request(input), folder);
    assertEquals(md5("first"), sum(folder.resolve(ProvenanceRecords.HELD)), "prepared once per job, not per attempt");

    ProvenanceRecords.release(folder);
    assertFalse(Files.exists(folder.resolve(ProvenanceRecords.HOLD)));
    assertFalse(Files.exists(folder.resolve(ProvenanceRecords.HELD)));
    assertEquals(md5("first"), sum(folder.resolve(ProvenanceRecords.PENDING)));
  }

  @Test
  void aHeldRecordLeftInAFolderIsNotTheNextJobs() throws Exception {
    Path input = Files.writeString(tmp.resolve("in.txt"), "new");
    Path folder = Files.createDirectories(tmp.resolve("job"));
    ProvenanceRecords.hold(folder);
    ProvenanceRecords.prepare(request(Files.writeString(tmp.resolve("old.txt"), "old")), folder);
    // The process that held it went away; the folder is used again by a new retried job.
    ProvenanceRecords.hold(folder);
    ProvenanceRecords.prepare(request(input), folder);
    assertEquals(md5("new"), sum(folder.resolve(ProvenanceRecords.HELD)));
  }

  @Test
  void aHoldLeftByAProcessThatDiedDoesNotKeepTheNextJobsRecord() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("job"));
    ProvenanceRecords.hold(folder);
    ProvenanceRecords.prepare(request(Files.writeString(tmp.resolve("old.txt"), "old")), folder);
    // As a JVM killed mid-retry leaves it: pid 1 runs, but it is not the process that held.
    Files.writeString(folder.resolve(ProvenanceRecords.HOLD), "1 1970-01-01T00:00:00Z");
    ProvenanceRecords.prepare(request(Files.writeString(tmp.resolve("in.txt"), "new")), folder);
    assertEquals(md5("new"), sum(folder.resolve(ProvenanceRecords.PENDING)), "the next job's record is its own, to be written");
    assertFalse(Files.exists(folder.resolve(ProvenanceRecords.HOLD)));
    assertFalse(Files.exists(folder.resolve(ProvenanceRecords.HELD)));
  }

  @Test
  void holdingAPreparedRecordStillHoldsIt() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("job"));
    ProvenanceRecords.prepare(request(Files.writeString(tmp.resolve("in.txt"), "x")), folder);
    ProvenanceRecords.hold(folder);
    assertFalse(Files.exists(folder.resolve(ProvenanceRecords.PENDING)));
    assertTrue(Files.exists(folder.resolve(ProvenanceRecords.HELD)));
    ProvenanceRecords.release(folder);
    assertTrue(Files.exists(folder.resolve(ProvenanceRecords.PENDING)));
  }
}
