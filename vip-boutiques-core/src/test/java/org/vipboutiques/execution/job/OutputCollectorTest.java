package org.vipboutiques.execution.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class OutputCollectorTest {

  /**
   * Many matches are all found, sorted, each once. A list's contains once made this quadratic
   * (40,000 matches: over 200 s); the timeout is a hang guard, not a speed target.
   */
  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void manyMatchesAreAllFoundInOrderEachOnce(@TempDir Path dir) throws Exception {
    for (int i = 0; i < 40_000; i++) {
      Files.createFile(dir.resolve(String.format("out_%05d.txt", i)));
    }
    Files.createFile(dir.resolve("other.txt"));
    Files.createFile(dir.resolve(".out_hidden.txt"));
    List<Path> found = OutputCollector.glob(dir, "out_*.txt");
    assertEquals(IntStream.range(0, 40_000).mapToObj(i -> dir.resolve(String.format("out_%05d.txt", i))).toList(),
        found);
  }

  @Test
  void pathsThatNormaliseToTheSameFileAreFoundOnce(@TempDir Path dir) throws Exception {
    for (String d : List.of("d1", "d2", "d3")) {
      Files.createDirectories(dir.resolve(d));
    }
    Files.createFile(dir.resolve("x.txt"));
    assertEquals(List.of(dir.resolve("x.txt")), OutputCollector.glob(dir, "d*/../x.txt"));
  }
}
