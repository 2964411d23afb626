package org.vipboutiques.recon.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A header is held to the reader's limits before anything is allocated: a few bytes claiming a
 * huge image are one clear error (issue 11, item 11: a 54-byte .nii.gz claiming 1290^3 ended in
 * OutOfMemoryError).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NiftiLimitsTest {
  @TempDir
  Path dir;

  @Test
  void aTinyGzipClaiming1290CubedIsRefusedByTheValueLimit() throws Exception {
    Path bomb = NiftiBombs.cube(dir.resolve("bomb.nii.gz"), 1290, 0);
    assertEquals(54, Files.size(bomb));
    NiftiFormatException e = assertThrows(NiftiFormatException.class, () -> NiftiReader.read(bomb));
    assertTrue(e.getMessage().startsWith(bomb + ": the header claims 1290x1290x1290 FLOAT32 (2146689000 values), "
        + "more than the 1073741824"), e.getMessage());
    assertTrue(e.getMessage().contains("-Dvip.recon.maxValues="), e.getMessage());
  }

  @Test
  void aGzipCannotHoldMoreThanDeflateExpandsTo() throws Exception {
    Path bomb = NiftiBombs.cube(dir.resolve("bomb.nii.gz"), 1290, 0);
    NiftiFormatException e = assertThrows(NiftiFormatException.class,
        () -> NiftiReader.read(bomb, new NiftiLimits(Long.MAX_VALUE)));
    assertTrue(e.getMessage().startsWith(bomb + ": file ends before the header or data do (1290x1290x1290 FLOAT32 needs "
        + "8586756352 bytes, more than the 54-byte gzip file can hold"), e.getMessage());
  }

  @Test
  void anImageWithinTheLimitsIsReadAndOneBeyondALowerLimitIsNot() throws Exception {
    Path small = NiftiBombs.cube(dir.resolve("small.nii.gz"), 16, 16L * 16 * 16 * 4);
    NiftiImage img = NiftiReader.read(small);
    assertEquals(List.of(16, 16, 16), img.header().dims());
    assertEquals(4096, img.values().length);
    NiftiFormatException e = assertThrows(NiftiFormatException.class, () -> NiftiReader.read(small,
        new NiftiLimits(4095)));
    assertTrue(e.getMessage().contains("(4096 values), more than the 4095 this reader takes"), e.getMessage());
  }

  @Test
  void theLimitIsASystemProperty() {
    String before = System.getProperty(NiftiLimits.MAX_VALUES_PROPERTY);
    try {
      System.setProperty(NiftiLimits.MAX_VALUES_PROPERTY, "1_000");
      assertEquals(new NiftiLimits(1000), NiftiLimits.fromSystem());
      System.setProperty(NiftiLimits.MAX_VALUES_PROPERTY, "lots");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, NiftiLimits::fromSystem);
      assertEquals("-Dvip.recon.maxValues=lots is not a positive whole number", e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(NiftiLimits.MAX_VALUES_PROPERTY);
      } else {
        System.setProperty(NiftiLimits.MAX_VALUES_PROPERTY, before);
      }
    }
    assertEquals(new NiftiLimits(NiftiLimits.DEFAULT_MAX_VALUES), NiftiLimits.fromSystem());
  }

  /** Through a pipe (process substitution, /dev/stdin): no file size to hold the header to, the value limit still. */
  @Test
  void aPipeIsReadAndHeldToTheValueLimit() throws Exception {
    Path small = NiftiBombs.cube(dir.resolve("small.nii.gz"), 16, 16L * 16 * 16 * 4);
    Path bomb = NiftiBombs.cube(dir.resolve("bomb.nii.gz"), 1290, 0);
    Path fifo = dir.resolve("pipe");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
    for (Path source : List.of(small, bomb)) {
      Thread writer = new Thread(() -> {
        try {
          Files.write(fifo, Files.readAllBytes(source));
        } catch (java.io.IOException e) {
          // the reader stopped early: a refused header
        }
      });
      writer.start();
      if (source.equals(small)) {
        assertEquals(4096, NiftiReader.read(fifo).values().length);
      } else {
        NiftiFormatException e = assertThrows(NiftiFormatException.class, () -> NiftiReader.read(fifo));
        assertTrue(e.getMessage().contains("1290x1290x1290 FLOAT32 (2146689000 values), more than"), e.getMessage());
      }
      writer.join(10_000);
    }
  }
}
