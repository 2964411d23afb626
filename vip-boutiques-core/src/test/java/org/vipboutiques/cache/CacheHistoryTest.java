package org.vipboutiques.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache after a long history: 3,000 entries here (6,000 files: the test machine is shared; the
 * figures for 25,000 are in docs/benchmarks.md). Storing one more must not read them all each
 * time (it did: every stored run, and every executor opened, listed the whole cache), nor may the
 * process keep something per key it ever ran.
 */
class CacheHistoryTest {

  static final int ENTRIES = 3_000;
  static final long ENTRY_BYTES = 1_000;

  @TempDir
  Path dir;

  /** {@code n} entries, the first the least recently used. */
  List<Path> entries(Path cache, int n) throws Exception {
    Path entries = Files.createDirectories(cache.resolve("entries"));
    Instant start = Instant.now().minus(Duration.ofDays(1));
    List<Path> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Path e = Files.createDirectory(entries.resolve(String.format("%064x", i)));
      Files.writeString(e.resolve(CacheStore.ENTRY), "{}\n");
      Files.writeString(e.resolve(CacheStore.SIZE), ENTRY_BYTES + "\n");
      Files.setLastModifiedTime(e.resolve(CacheStore.ENTRY), FileTime.from(start.plusSeconds(i)));
      out.add(e);
    }
    return out;
  }

  @Test
  void storesReadAboutSixteenEntriesEachNotTheWholeCache() throws Exception {
    Path folder = dir.resolve("cache");
    entries(folder, ENTRIES);
    CacheStore store = new CacheStore(ResultCache.in(folder).withEviction(OptionalLong.of(1L << 40),
        Optional.of(Duration.ofDays(30))));
    assertEquals(0, store.evict());
    assertEquals(ENTRIES, CacheStore.lastPassEntriesRead, "an explicit eviction reads every entry");
    int stores = 450;
    long read = 0;
    int fullPasses = 0;
    for (int i = 0; i < stores; i++) {
      assertEquals(0, store.evictIfDue(ENTRY_BYTES));
      read += CacheStore.lastPassEntriesRead;
      if (CacheStore.lastPassEntriesRead > 0) {
        assertEquals(ENTRIES, CacheStore.lastPassEntriesRead, "a pass reads every entry or none");
        fullPasses++;
      }
    }
    assertEquals(2, fullPasses, "one full pass after about a sixteenth of the entries stored (200 here)");
    assertTrue(read <= 16L * stores, read + " entries read for " + stores + " stores");
    assertEquals(0, store.evictIfDue(0), "opening the cache reads nothing either");
    assertEquals(0, CacheStore.lastPassEntriesRead);
  }

  @Test
  void aStoreThatMayPassABoundReadsEveryEntryAndTheLeastRecentlyUsedGoes() throws Exception {
    Path folder = dir.resolve("cache");
    List<Path> stored = entries(folder, ENTRIES);
    CacheStore store = new CacheStore(ResultCache.in(folder).withEviction(OptionalLong.of(ENTRIES * ENTRY_BYTES),
        Optional.empty()));
    assertEquals(0, store.evict(), "they fit");
    assertEquals(0, store.evictIfDue(0));
    assertEquals(0, CacheStore.lastPassEntriesRead, "nothing can be out of bounds: nothing read");
    Path added = Files.createDirectory(folder.resolve("entries").resolve("f".repeat(64)));
    Files.writeString(added.resolve(CacheStore.ENTRY), "{}\n");
    Files.writeString(added.resolve(CacheStore.SIZE), ENTRY_BYTES + "\n");
    assertEquals(1, store.evictIfDue(ENTRY_BYTES), "one entry more does not fit: the least recently used goes");
    assertEquals(ENTRIES + 1, CacheStore.lastPassEntriesRead);
    assertFalse(Files.exists(stored.get(0)), "the least recently used");
    assertTrue(Files.exists(stored.get(1)));
    assertTrue(Files.exists(added));
  }

  @Test
  void anAgeBoundReachedSinceTheLastFullPassIsSeenWithoutOne() throws Exception {
    Path folder = dir.resolve("cache");
    List<Path> stored = entries(folder, 100);
    CacheStore store = new CacheStore(ResultCache.in(folder).withEviction(OptionalLong.empty(),
        Optional.of(Duration.ofDays(2))));
    assertEquals(0, store.evict());
    // What the pass remembers, told a day older: its oldest entry is now past the age.
    Path scan = folder.resolve("locks").resolve(CacheStore.SCAN);
    String[] f = Files.readString(scan).strip().split(" ");
    f[4] = Long.toString(Long.parseLong(f[4]) - Duration.ofDays(1).plusMinutes(1).toMillis());
    Files.writeString(scan, String.join(" ", f) + "\n");
    Files.setLastModifiedTime(stored.get(0).resolve(CacheStore.ENTRY),
        FileTime.from(Instant.now().minus(Duration.ofDays(3))));
    assertEquals(1, store.evictIfDue(ENTRY_BYTES));
    assertFalse(Files.exists(stored.get(0)));
  }

  @Test
  void aProcessKeepsNoPermitForAKeyNoJobHoldsOrWaitsFor() throws Exception {
    CacheStore store = new CacheStore(ResultCache.in(dir.resolve("cache")));
    int before = CacheStore.permitsHeld();
    for (int i = 0; i < 2_000; i++) {
      String key = String.format("%064x", i);
      try (CacheStore.KeyLock held = store.lock(key)) {
        assertTrue(store.tryLock(key).isEmpty(), "held: the same key cannot be taken twice");
        assertEquals(before + 1, CacheStore.permitsHeld());
      }
      store.tryLock(key).orElseThrow().close();
    }
    assertEquals(before, CacheStore.permitsHeld(), "2,000 keys used, none kept");
  }
}
