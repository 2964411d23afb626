package org.vipboutiques.execution.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a tool may leave at the name of a small file the library reads back: only a small plain file is read. */
class SmallFileTest {

  @TempDir
  Path dir;

  @Test
  void aSmallPlainFileIsRead() throws Exception {
    Files.writeString(dir.resolve("exit-code"), "3\n");
    assertEquals(Optional.of("3\n"), SmallFile.read(dir.resolve("exit-code"), 64));
    assertEquals(Optional.empty(), SmallFile.read(dir.resolve("missing"), 64));
  }

  @Test
  void aTwoGibFileIsNotReadButItsHeadCanBe() throws Exception {
    Path big = dir.resolve("exit-code");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.write("0\n".getBytes());
      f.setLength(2L << 30); // sparse
    }
    assertEquals(Optional.empty(), SmallFile.read(big, 64));
    assertEquals(Optional.of("0\n\0\0"), SmallFile.head(big, 4));
  }

  @Test
  void aLinkOrAPipeIsNotRead() throws Exception {
    Files.createSymbolicLink(dir.resolve("to-zero"), Path.of("/dev/zero"));
    assertEquals(Optional.empty(), SmallFile.read(dir.resolve("to-zero"), 64));
    assertEquals(Optional.empty(), SmallFile.head(dir.resolve("to-zero"), 64));
    Files.writeString(dir.resolve("real"), "1\n");
    Files.createSymbolicLink(dir.resolve("to-real"), dir.resolve("real"));
    assertEquals(Optional.empty(), SmallFile.read(dir.resolve("to-real"), 64), "a link, even to a plain file");
    Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe").toString()).start();
    assertEquals(0, mkfifo.waitFor());
    assertEquals(Optional.empty(), SmallFile.read(dir.resolve("pipe"), 64), "a pipe would block the reader");
  }
}
