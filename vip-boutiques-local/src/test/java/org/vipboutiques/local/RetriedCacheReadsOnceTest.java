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
 * With retries on, in front of the result cache (the stack {@link JobExecutors#create} builds), a
 * job still reads each File input once: the first attempt prepares the held record, with the MD5
 * sums the cache's key read in the same pass, on a miss and on a hit. Counted by the kernel, as in
 * {@link CacheMissReadsOnceTest}: the bytes this JVM read ({@code rchar} of {@code /proc/self/io}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RetriedCacheReadsOnceTest {

  private static final int SIZE = 32 << 20;

  @TempDir
  Path tmp;

  JobResult run(JobExecutor executor, Path input) throws Exception {
    Descriptor d = Fixtures.BOUTIQUES.load(Fixtures.descriptorJson("head -c 4 [IN] > out.bin",
        "[{\"id\": \"in\", \"name\": \"i\", \"type\": \"File\", \"value-key\": \"[IN]\"}]", null,
        "[{\"id\": \"out\", \"name\": \"o\", \"path-template\": \"out.bin\"}]"), "reads");
    return executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, "{\"in\": \"" + input + "\"}"))
        .dataCollection(DataCollection.defaults().inDirectory(tmp.resolve("data"))).build()).await();
  }

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

      long before = CacheMissReadsOnceTest.bytesRead();
      JobResult miss = run(executor, big);
      long missRead = CacheMissReadsOnceTest.bytesRead() - before;
      before = CacheMissReadsOnceTest.bytesRead();
      JobResult hit = run(executor, big);
      long hitRead = CacheMissReadsOnceTest.bytesRead() - before;
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
