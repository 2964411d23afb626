package org.vipboutiques.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;
import org.vipboutiques.provenance.DataCollection;
import org.vipboutiques.provenance.DigestMemo;
import org.vipboutiques.provenance.ProvenanceRecords;

/**
 * A miss's record, prepared by the back end from the request alone while the cache submits it
 * ({@link DigestMemo#with}), takes the inputs' sums the key read. Shown by changing an input's
 * bytes between the key and the record while keeping its size and modification time: a record
 * that read the file again would have the new bytes' sum.
 */
class MissReadsInputsOnceTest {

  @TempDir
  Path tmp;

  static String md5(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }

  JobRequest request(Path input) throws Exception {
    Descriptor d = Fixtures.descriptor("cat [IN] [OTHER]",
        "[{\"id\": \"in\", \"name\": \"i\", \"type\": \"File\", \"value-key\": \"[IN]\"},"
            + " {\"id\": \"other\", \"name\": \"o\", \"type\": \"File\", \"value-key\": \"[OTHER]\", \"optional\": true}]",
        null, null);
    return JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, "{\"in\": \"" + input + "\"}"))
        .dataCollection(DataCollection.defaults().inDirectory(tmp.resolve("data"))).build();
  }

  static String recordedSum(Path folder) throws Exception {
    JsonObject pending = JsonParser.withDefaults().parseObject(folder.resolve(".vipb-provenance.json"));
    return pending.object("public-invocation").orElseThrow().object("in").orElseThrow().string("md5sum").orElseThrow();
  }

  /** Same size, same modification time, other bytes: only a read sees the change. */
  static void changeUnseen(Path file, byte[] bytes) throws Exception {
    FileTime modified = Files.getLastModifiedTime(file);
    Files.write(file, bytes);
    Files.setLastModifiedTime(file, modified);
  }

  @Test
  void theRecordOfAMissTakesTheSumsTheKeyRead() throws Exception {
    Path input = tmp.resolve("in.bin");
    Files.write(input, "keyed content".getBytes());
    JobRequest request = request(input);
    CacheKey.Keyed key = CacheKey.of(request, ResultCache.in(tmp.resolve("cache")), Optional.empty());
    changeUnseen(input, "other content".getBytes());
    Path folder = Files.createDirectories(tmp.resolve("job"));
    prepareAsTheBackEnd(key, request, folder);
    assertEquals(md5("keyed content".getBytes()), recordedSum(folder), "the input was read once, for the key");
    Path other = Files.createDirectories(tmp.resolve("other job"));
    ProvenanceRecords.prepare(request, other);
    assertEquals(md5("other content".getBytes()), recordedSum(other), "outside the call, files are read");
  }

  /** What a back end does in submit, called by the cache with the key's sums. */
  static void prepareAsTheBackEnd(CacheKey.Keyed key, JobRequest request, Path folder) throws Exception {
    DigestMemo.with(key.inputDigests(), () -> {
      ProvenanceRecords.prepare(request, folder);
      return null;
    });
  }

  @Test
  void aFileChangedSinceTheKeyIsReadAgain() throws Exception {
    Path input = tmp.resolve("in.bin");
    Files.write(input, "keyed content".getBytes());
    JobRequest request = request(input);
    CacheKey.Keyed key = CacheKey.of(request, ResultCache.in(tmp.resolve("cache")), Optional.empty());
    Files.write(input, "longer, new content".getBytes());
    Path folder = Files.createDirectories(tmp.resolve("job"));
    prepareAsTheBackEnd(key, request, folder);
    assertEquals(md5("longer, new content".getBytes()), recordedSum(folder));
  }

  @Test
  void aFileTheKeyDidNotReadIsReadByTheRecord() throws Exception {
    Path input = tmp.resolve("in.bin");
    Files.write(input, "never keyed".getBytes());
    Path folder = Files.createDirectories(tmp.resolve("job"));
    ProvenanceRecords.prepare(request(input), folder);
    assertEquals(md5("never keyed".getBytes()), recordedSum(folder));
  }
}
