package org.vipboutiques.dirac.wrapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpacking archives that real GNU tar makes (issue 11, items 6 and 14): hard links, symbolic
 * links, FIFOs and devices never become empty files, nothing is written through a link already in
 * the target folder, and the bytes and entries unpacked are bounded.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxArchiveTest {

  @TempDir
  Path tmp;

  /** Runs GNU tar (the system's) in {@code dir} with {@code args}; the archive is tmp/a.tar. */
  Path gnuTar(Path dir, String... args) throws Exception {
    Path tar = tmp.resolve("a.tar");
    List<String> cmd = new ArrayList<>(List.of("tar", "cf", tar.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return tar;
  }

  static int extract(Path tar, Path into) throws IOException {
    try (InputStream in = Files.newInputStream(tar)) {
      return SandboxArchive.extract(in, "tar", into);
    }
  }

  Path source() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("a.txt"), "content of a\n");
    return src;
  }

  @Test
  void aFileWithTwoNamesComesBackTwiceWithItsContent() throws Exception {
    Path src = source();
    Files.createLink(src.resolve("b.txt"), src.resolve("a.txt"));
    Path out = tmp.resolve("out");
    extract(gnuTar(src, "a.txt", "b.txt"), out);
    assertEquals("content of a\n", Files.readString(out.resolve("a.txt")));
    assertEquals("content of a\n", Files.readString(out.resolve("b.txt")), "a hard link is not an empty file");
  }

  @Test
  void aFileNamedTwiceKeepsItsContent() throws Exception {
    Path src = source();
    Path out = tmp.resolve("out");
    extract(gnuTar(src, "./a.txt", "./a.txt"), out);
    assertEquals("content of a\n", Files.readString(out.resolve("a.txt")),
        "GNU tar stores the second as a hard link to the first: it must not empty it");
  }

  @Test
  void symbolicLinksFifosAndDevicesAreSkippedNotMadeEmptyFiles() throws Exception {
    Path src = source();
    Files.createSymbolicLink(src.resolve("passwd"), Path.of("/etc/passwd"));
    assertEquals(0, new ProcessBuilder("mkfifo", src.resolve("fifo").toString()).start().waitFor());
    boolean device = new ProcessBuilder("mknod", src.resolve("null").toString(), "c", "1", "3").start().waitFor() == 0;
    Path out = tmp.resolve("out");
    int written = extract(gnuTar(src, "."), out);
    assertEquals(1, written);
    assertEquals("content of a\n", Files.readString(out.resolve("a.txt")));
    for (String name : List.of("passwd", "fifo", "null")) {
      assertFalse(Files.exists(out.resolve(name), LinkOption.NOFOLLOW_LINKS), name + " is not unpacked");
    }
    if (!device) {
      System.err.println("mknod is not allowed here: the device case was not exercised");
    }
  }

  @Test
  void aHardLinkToAnythingButAnEarlierFileIsRefused() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry link = new TarArchiveEntry("stolen", TarConstants.LF_LINK);
      link.setLinkName("/etc/passwd");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    }
    Path out = tmp.resolve("out");
    IOException e = assertThrows(IOException.class, () -> SandboxArchive.extract(
        new java.io.ByteArrayInputStream(bytes.toByteArray()), "tar", out));
    assertTrue(e.getMessage().contains("hard link"), e.getMessage());
    assertFalse(Files.exists(out.resolve("stolen")));
  }

  @Test
  void nothingIsWrittenThroughALinkInTheTargetFolder() throws Exception {
    Path user = Files.createDirectories(tmp.resolve("user"));
    Files.writeString(user.resolve("data.txt"), "the user's\n");
    Path job = Files.createDirectories(tmp.resolve("job"));
    Files.createSymbolicLink(job.resolve("in"), user);
    Path src = Files.createDirectories(tmp.resolve("src/in"));
    Files.writeString(src.resolve("data.txt"), "scratch\n");
    Path tar = gnuTar(tmp.resolve("src"), "in/data.txt");
    IOException e = assertThrows(IOException.class, () -> extract(tar, job));
    assertTrue(e.getMessage().contains("through the link"), e.getMessage());
    assertEquals("the user's\n", Files.readString(user.resolve("data.txt")));
  }

  @Test
  void moreEntriesThanTheLimitStopWithOneLine() throws Exception {
    Path src = source();
    for (int i = 0; i < 5; i++) {
      Files.writeString(src.resolve("f" + i), "x");
    }
    Path tar = gnuTar(src, ".");
    try (InputStream in = Files.newInputStream(tar)) {
      IOException e = assertThrows(IOException.class, () -> SandboxArchive.extract(in, "tar", tmp.resolve("out"),
          new SandboxArchive.Limits(1 << 20, 3), n -> true));
      assertTrue(e.getMessage().contains("more than 3 entries") && e.getMessage().contains("sandbox-unpack-entries"),
          e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
    }
  }

  @Test
  void moreBytesThanTheLimitStopBeforeTheFileIsWritten() throws Exception {
    Path src = source();
    Files.write(src.resolve("big"), new byte[100_000]);
    Path tar = gnuTar(src, "big");
    Path out = tmp.resolve("out");
    try (InputStream in = Files.newInputStream(tar)) {
      IOException e = assertThrows(IOException.class, () -> SandboxArchive.extract(in, "tar", out,
          new SandboxArchive.Limits(50_000, 100), n -> true));
      assertTrue(e.getMessage().contains("more than 50000 bytes") && e.getMessage().contains("sandbox-unpack-limit"),
          e.getMessage());
    }
    assertFalse(Files.exists(out.resolve("big")));
  }

  @Test
  void entriesOutsideTheWantedPathsAreRefused() throws Exception {
    Path src = source();
    Files.writeString(src.resolve("secret.tmp"), "scratch");
    Path tar = gnuTar(src, "./");
    try (InputStream in = Files.newInputStream(tar)) {
      IOException e = assertThrows(IOException.class, () -> SandboxArchive.extract(in, "tar", tmp.resolve("out"),
          SandboxArchive.Limits.DEFAULT, n -> n.equals("a.txt")));
      assertTrue(e.getMessage().contains("secret.tmp") || e.getMessage().contains("a.txt"), e.getMessage());
    }
  }
}
