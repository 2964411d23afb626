package org.vipboutiques.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.job.LogCapture;

/**
 * The log of a local job that wrote 2 GiB while no JVM followed it (the JVM was killed, the job
 * went on): following it again reads its tail, not the 2 GiB, and replays no old line. (In the
 * local module's tests: the process module has none of its own.)
 */
class FollowedLogTest {

  @TempDir
  Path dir;

  @Test
  void aReattachedJobsTwoGibLogIsReadFromItsTail() throws Exception {
    Path file = dir.resolve("stdout.log");
    long gap = 2L << 30;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(gap); // sparse: 2 GiB of zeros that use no disk
      f.seek(gap);
      f.write("next to last\nlast line\n".getBytes(StandardCharsets.UTF_8));
    }
    List<String> lines = new ArrayList<>();
    LogCapture capture = LogCapture.following(LogCapture.DEFAULT_TAIL, lines::add);
    FollowedLog log = new FollowedLog(file, capture);
    assertEquals(Files.size(file) - LogCapture.DEFAULT_TAIL, log.skipToTail(LogCapture.DEFAULT_TAIL));
    Files.writeString(file, "written after the re-attach\n", java.nio.file.StandardOpenOption.APPEND);
    log.finish();
    assertEquals(LogCapture.DEFAULT_TAIL + "written after the re-attach\n".length(), capture.size(),
        "the tail and what came after are read, nothing before");
    assertTrue(capture.tail().endsWith("next to last\nlast line\nwritten after the re-attach\n"), "the tail");
    assertEquals(3, lines.size(), "no old line replayed");
    // The first began before the tail (zeros here): listeners get its first 16 KiB, as of any long line.
    assertEquals(List.of("last line", "written after the re-attach"), lines.subList(1, 3));
  }

  @Test
  void aShortLogIsReadWhole() throws Exception {
    Path file = dir.resolve("stdout.log");
    Files.writeString(file, "one\ntwo\n");
    List<String> lines = new ArrayList<>();
    LogCapture capture = LogCapture.following(LogCapture.DEFAULT_TAIL, lines::add);
    FollowedLog log = new FollowedLog(file, capture);
    assertEquals(0, log.skipToTail(LogCapture.DEFAULT_TAIL));
    log.finish();
    assertEquals(List.of("one", "two"), lines);
  }
}
