package org.vipboutiques.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared data folder after a long history (a week of tests left 24,590 files on a
 * development machine): a job's descriptor is saved once per process however many files the
 * folder holds (its listing is read only so far), and records need no listing.
 */
class DataFolderHistoryTest {

  /** More than a job's descriptor search reads of the listing (2,000); fewer than on the machine, to spare the shared test machine. */
  static final int RECORDS = 6_000;

  @TempDir
  Path tmp;

  @Test
  void fiftyThousandRecordsAreNotListedForEveryJob() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("data"));
    LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
    for (int i = 0; i < RECORDS; i++) {
      Files.writeString(folder.resolve("tool_" + DataFolder.STAMP.format(t.plusNanos(i * 1000L)) + ".json"), "{}");
    }
    DataFolder data = new DataFolder(folder);
    String text = "{\"name\": \"history\", \"v\": \"" + System.nanoTime() + "\"}";
    String name = data.saveDescriptor("history", text);
    assertEquals(text, Files.readString(folder.resolve(name)));
    for (int job = 0; job < 100; job++) {
      assertEquals(name, new DataFolder(folder).saveDescriptor("history", text), "the same descriptor, job " + job);
    }
    Path record = new DataFolder(folder).saveRecord("history", LocalDateTime.now(), stamp -> "{}");
    assertTrue(Files.isRegularFile(record));
    try (var s = Files.list(folder)) {
      assertEquals(RECORDS + 2, s.count(), "one descriptor and one record added");
    }
  }
}
