package org.vipboutiques.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.job.LogCapture;

/** A log the tool writes on the shared file system, read from where it was left. */
class LogFollowerTest {

  @TempDir
  Path dir;

  final List<String> lines = new ArrayList<>();
  Path log;
  LogFollower follower;

  @BeforeEach
  void follow() {
    log = dir.resolve("out.log");
    follower = new LogFollower(log, lines::add);
  }

  void append(String text) throws Exception {
    Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** The end used to be lost: position + an unlimited length overflowed. */
  @Test
  void whatFollowsThePartReadWhileRunningIsReadAtTheEnd() throws Exception {
    append("first\n");
    follower.poll();
    assertEquals(List.of("first"), lines);
    append("second\nlast");
    LogCapture done = follower.finish();
    assertEquals("first\nsecond\nlast", done.tail());
    assertEquals(List.of("first", "second", "last"), lines);
  }

  @Test
  void aLogNeverWrittenEndsEmpty() {
    assertEquals("", follower.finish().tail());
    assertTrue(lines.isEmpty());
  }

  @Test
  void aLogRewrittenFromTheStartIsReadAgainFromTheStart() throws Exception {
    append("attempt one, a long line\n");
    follower.poll();
    Files.writeString(log, "requeued\n");
    assertEquals("attempt one, a long line\nrequeued\n", follower.finish().tail());
  }

  @Test
  void muchLeftAtTheEndIsSkippedButForTheTail() throws Exception {
    append("start\n");
    follower.poll();
    String row = "x".repeat(1023) + "\n";
    append(row.repeat(9 * 1024) + "the end\n");
    String tail = follower.finish().tail();
    assertEquals(LogCapture.DEFAULT_TAIL, tail.length());
    assertTrue(tail.endsWith(row + "the end\n"), tail.substring(tail.length() - 100));
  }

  @Test
  void aPollReadsAtMostAMebibyte() throws Exception {
    String row = "y".repeat(1023) + "\n";
    append(row.repeat(3 * 1024));
    follower.poll();
    assertEquals(1024, lines.size());
    follower.poll();
    assertEquals(2048, lines.size());
    follower.finish();
    assertEquals(3072, lines.size());
  }
}
