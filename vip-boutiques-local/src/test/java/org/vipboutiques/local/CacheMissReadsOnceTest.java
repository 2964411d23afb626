package org.vipboutiques.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import org.vipboutiques.execution.JobState;
import org.vipboutiques.provenance.DataCollection;
import org.vipboutiques.retry.RetryPolicy;

/**
 * A cache miss (and, with retries on, a hit too) reads its input once: for the key (SHA-256 and, in the same pass, the MD5 of the
 * record), not again when the back end prepares the record. Counted by the kernel: the bytes this
 * JVM read ({@code rchar} of {@code /proc/self/io}) while the job ran; the tool, another process,
 * reads a few bytes of it on its own account.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CacheMissReadsOnceTest {

  private static final int SIZE = 32 << 20;

  @TempDir
  Path tmp;

  static long bytesRead() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
      if (line.startsWith("rchar:")) {
        return Long.parseLong(line.substring(6).strip());
      }
    }
    throw new IllegalStateException("no rchar in /proc/self/io");
  }

  JobResult run(JobExecutor executor, Path input) throws Exception {
    Descriptor d = Fixtures.BOUTIQUES.load(Fixtures.descriptorJson("head -c 4 [IN] > out.bin",
        "[{\"id\": \"in\", \"name\": \"i\", \"type\": \"File\", \"value-key\": \"[IN]\"}]", null,
        "[{\"id\": \"out\", \"name\": \"o\", \"path-template\": \"out.bin\"}]"), "reads");
    return executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, "{\"in\": \"" + input + "\"}"))
        .dataCollection(DataCollection.defaults().inDirectory(tmp.resolve("data"))).build()).await();
  }

  @Test
  void aMissReadsItsInputOnce() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/io")), "the kernel counts no reads here (/proc/self/io)");
    byte[] bytes = new byte[SIZE];
    new Random(7).nextBytes(bytes);
    Path big = Files.write(tmp.resolve("big.bin"), bytes);
    Path small = Files.writeString(tmp.resolve("small.bin"), "warm-up\n");
    try (JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(tmp.resolve("jobs"))
        .setting("cache", tmp.resolve("cache").toString()).build())) {
      assertEquals(JobState.SUCCEEDED, run(executor, small).state()); // classes loaded, threads started
      long before = bytesRead();
      JobResult miss = run(executor, big);
      long read = bytesRead() - before;
      assertEquals(JobState.SUCCEEDED, miss.state(), miss.toString());
      assertFalse(miss.cacheHit());
      assertTrue(read >= SIZE, "the key reads the input: " + read + " bytes read");
      assertTrue(read < SIZE + SIZE / 2, "read once, not twice: " + read + " bytes read for a " + SIZE
          + "-byte input");
    }
  }

  /**
   * With retries on, in front of the cache (the stack {@link JobExecutors#create} builds): the
   * first attempt prepares the held record with the sums the key read in the same pass, on a miss
   * and on a hit.
   */
  @Test
  void aRetriedJobReadsItsInputOnceOnAMissAndOnAHit() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/io")), "the kernel counts no reads here (/proc/self/io)");
    byte[] bytes = new byte[SIZE];
    new Random(11).nextBytes(bytes);
    Path big = Files.write(tmp.resolve("big.bin"), bytes);
    Path small = Files.writeString(tmp.resolve("small.bin"), "warm-up\n");
    try (JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(tmp.resolve("jobs"))
        .setting("cache", tmp.resolve("cache").toString()).setting(RetryPolicy.RETRIES, "2").build())) {
      assertEquals(JobState.SUCCEEDED, run(executor, small).state()); // classes loaded, threads started
      assertEquals(JobState.SUCCEEDED, run(executor, small).state()); // a hit's too

      long before = bytesRead();
      JobResult miss = run(executor, big);
      long missRead = bytesRead() - before;
      before = bytesRead();
      JobResult hit = run(executor, big);
      long hitRead = bytesRead() - before;
      System.out.println("retried " + SIZE + "-byte input, bytes read: miss " + missRead + ", hit " + hitRead);

      assertEquals(JobState.SUCCEEDED, miss.state(), miss.toString());
      assertFalse(miss.cacheHit());
      assertEquals(JobState.SUCCEEDED, hit.state(), hit.toString());
      assertTrue(hit.cacheHit());
      assertEquals(1, miss.attempts().size(), miss.attempts().toString());
      assertTrue(missRead >= SIZE, "the key reads the input: " + missRead + " bytes read");
      assertTrue(missRead < SIZE + SIZE / 2, "a miss reads it once, not twice: " + missRead + " bytes read for a "
          + SIZE + "-byte input");
      assertTrue(hitRead >= SIZE, "the key reads the input: " + hitRead + " bytes read");
      assertTrue(hitRead < SIZE + SIZE / 2, "a hit reads it once, not twice: " + hitRead + " bytes read for a "
          + SIZE + "-byte input");
      // Each record (written once, by the job holding the attempts) has the input's true sum.
      String sum = CacheHitSumsTest.md5(big);
      assertEquals(sum, CacheHitSumsTest.inputSum(miss));
      assertEquals(sum, CacheHitSumsTest.inputSum(hit));
    }
  }
}
