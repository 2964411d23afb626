package org.vipboutiques.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.cache.ResultCache;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;

/**
 * Eviction from the result cache, on real local runs: each run writes 100,000 bytes, so an entry
 * holds a little more than that, and a bound of 250,000 bytes keeps two.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CacheEvictionTest {

  @TempDir
  Path base;

  Path cache;
  Path inputs;
  JobExecutor executor;

  @BeforeEach
  void open() throws Exception {
    cache = base.resolve("cache");
    inputs = Files.createDirectories(base.resolve("inputs"));
    for (String n : List.of("a", "b", "c")) {
      Files.writeString(inputs.resolve(n + ".txt"), n + "\n");
    }
  }

  @AfterEach
  void close() {
    if (executor != null) {
      executor.close();
    }
  }

  JobExecutor executor(String... settings) throws Exception {
    ExecutorConfig.Builder b = ExecutorConfig.builder("local").baseDirectory(base.resolve("jobs"))
        .setting("cache", cache.toString());
    for (int i = 0; i < settings.length; i += 2) {
      b.setting(settings[i], settings[i + 1]);
    }
    return JobExecutors.create(b.build());
  }

  /** 100,000 bytes of output after a random nonce (a new run makes a new output). */
  static Descriptor tool() throws Exception {
    return Fixtures.BOUTIQUES.load(Fixtures.descriptorJson(
        "{ head -c 16 /dev/urandom | od -x | head -1; cat [IN]; } > out.txt; head -c 100000 /dev/zero > big.bin",
        "[{\"id\": \"in\", \"name\": \"in\", \"type\": \"File\", \"value-key\": \"[IN]\"}]", null,
        "[{\"id\": \"out\", \"name\": \"o\", \"path-template\": \"out.txt\"},"
            + " {\"id\": \"big\", \"name\": \"b\", \"path-template\": \"big.bin\"}]"), "evict");
  }

  JobResult run(String input) throws Exception {
    Descriptor d = tool();
    JobResult r = executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d,
        Fixtures.json("{\"in\": \"" + input + ".txt\"}"))).inputDirectory(inputs).build()).await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    return r;
  }

  long entries() throws Exception {
    Path e = cache.resolve("entries");
    if (!Files.isDirectory(e)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(e)) {
      return s.count();
    }
  }

  @Test
  void overTheSizeTheLeastRecentlyUsedEntryGoesAndAHitCountsAsAUse() throws Exception {
    executor = executor(ResultCache.MAX_SIZE_SETTING, "250K");
    String a = Files.readString(run("a").outputFile("out").orElseThrow());
    run("b");
    JobResult hitA = run("a"); // a is now used after b
    assertTrue(hitA.cacheHit());
    assertEquals(2, entries());
    run("c"); // three do not fit: b, the least recently used, goes
    assertEquals(2, entries());
    JobResult a2 = run("a");
    assertTrue(a2.cacheHit(), "a was used after b, so it stays");
    assertEquals(a, Files.readString(a2.outputFile("out").orElseThrow()));
    assertTrue(run("c").cacheHit(), "c is the newest");
    assertFalse(run("b").cacheHit(), "b was evicted: it runs again");
    assertEquals(2, entries(), "and is stored in its turn, in place of the least recently used");
  }

  @Test
  void anEntryUnusedForLongerThanTheAgeGoesWhenTheCacheOpensOrStores() throws Exception {
    executor = executor(ResultCache.MAX_AGE_SETTING, "1h");
    run("a");
    run("b");
    Path entries = cache.resolve("entries");
    List<Path> stored;
    try (Stream<Path> s = Files.list(entries)) {
      stored = s.toList();
    }
    assertEquals(2, stored.size());
    // a's entry last used two hours ago
    Path old = stored.stream().filter(p -> {
      try {
        return Files.readString(p.resolve("files/out.txt")).endsWith("a\n");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }).findFirst().orElseThrow();
    Files.setLastModifiedTime(old.resolve("entry.json"), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    assertEquals(1, ResultCache.in(cache).withEviction(OptionalLong.empty(), Optional.of(Duration.ofHours(1)))
        .evict());
    assertFalse(Files.exists(old), "evicted");
    assertEquals(1, entries());
    assertTrue(run("b").cacheHit());
    assertFalse(run("a").cacheHit());
    assertEquals(0, ResultCache.in(cache).evict(), "no bound, no eviction");
    try (Stream<Path> s = Files.list(cache.resolve("tmp"))) {
      assertEquals(0, s.count(), "nothing left aside");
    }
  }

  @Test
  void boundsThatCannotBeReadOrHaveNoCacheAreRefusedInOneLine() {
    ExecutorUnavailableException size = assertThrows(ExecutorUnavailableException.class, () -> executor(
        ResultCache.MAX_SIZE_SETTING, "lots"));
    assertTrue(size.getMessage().contains("cache-max-size must be a size such as 500M or 10G, not \"lots\""),
        size.getMessage());
    ExecutorUnavailableException age = assertThrows(ExecutorUnavailableException.class, () -> executor(
        ResultCache.MAX_AGE_SETTING, "forever"));
    assertTrue(age.getMessage().startsWith("setting cache-max-age: not a duration"), age.getMessage());
    ExecutorUnavailableException none = assertThrows(ExecutorUnavailableException.class, () -> JobExecutors.create(
        ExecutorConfig.builder("local").baseDirectory(base.resolve("jobs")).setting(ResultCache.MAX_SIZE_SETTING, "1G")
            .build()));
    assertTrue(none.getMessage().contains("add cache=FOLDER"), none.getMessage());
  }

  @Test
  void sizesAreReadAsPeopleWriteThem() {
    assertEquals(OptionalLong.of(250 * 1024), sizeOf("250K"));
    assertEquals(OptionalLong.of(10L << 30), sizeOf("10G"));
    assertEquals(OptionalLong.of(10L << 30), sizeOf("10GiB"));
    assertEquals(OptionalLong.of(1536L << 20), sizeOf("1.5G"));
    assertEquals(OptionalLong.of(12345), sizeOf("12345"));
  }

  private OptionalLong sizeOf(String text) {
    return ResultCache.fromSettings(ExecutorConfig.builder("local").setting("cache", cache.toString())
        .setting(ResultCache.MAX_SIZE_SETTING, text).build()).orElseThrow().maxSize();
  }
}
