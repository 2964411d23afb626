package org.vipboutiques.testing.tolerance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files made by someone else, at sizes far past normal: each is an answer or one clear line. */
class HostileInputTest {

  @TempDir
  Path dir;

  private Path image(String name, java.util.function.Consumer<ByteBuffer> edit) throws Exception {
    ByteBuffer h = NiftiFiles.header(new int[] {2, 2}, 16, 32, ByteOrder.LITTLE_ENDIAN);
    edit.accept(h);
    byte[] all = new byte[352 + 16];
    System.arraycopy(h.array(), 0, all, 0, 352);
    return Files.write(dir.resolve(name), all);
  }

  private String refused(Path x) {
    String m = assertThrows(ComparisonException.class,
        () -> ImageComparison.compare(x, x, Optional.empty(), ComparisonLimits.DEFAULT)).getMessage();
    assertFalse(m.contains("\n"), "one line: " + m);
    return m;
  }

  @Test
  void hostileNiftiHeadersAreOneLine() throws Exception {
    assertTrue(refused(image("neg.nii", h -> h.putShort(44, (short) -5))).contains("dim[2] is -5"));
    assertTrue(refused(image("rank8.nii", h -> h.putShort(40, (short) 8))).contains("dim[0] is 8, not 1 to 7"));
    assertTrue(refused(image("rank0.nii", h -> h.putShort(40, (short) 0))).contains("dim[0] is 0"));
    assertTrue(refused(image("huge.nii", h -> {
      for (int i = 1; i <= 7; i++) {
        h.putShort(40, (short) 7).putShort(40 + 2 * i, Short.MAX_VALUE);
      }
    })).contains("more than the 1073741824 a comparison reads"));
    assertTrue(refused(image("past.nii", h -> h.putFloat(108, 1e7f))).contains("more than the 368-byte file holds"));
    assertTrue(refused(image("far.nii", h -> h.putFloat(108, 1e30f))).contains("beyond 64 MiB"));
    assertTrue(refused(image("nan.nii", h -> h.putFloat(108, Float.NaN))).contains("vox_offset NaN"));
  }

  @Test
  void aGzipBombIsRefusedBeforeItIsExpanded() throws Exception {
    // 352 header bytes then 64 MiB of zeros claimed as 1024x1024x16 float32 (64 MiB): a true header,
    // streamed in constant memory; and 2^30 voxels claimed by the same small file is refused.
    ByteBuffer h = NiftiFiles.header(new int[] {1024, 1024, 16}, 16, 32, ByteOrder.LITTLE_ENDIAN);
    Path bomb = dir.resolve("bomb.nii.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
      out.write(h.array());
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        out.write(zeros);
      }
    }
    assertTrue(Files.size(bomb) < 200_000, "a bomb: " + Files.size(bomb));
    assertEquals(0, ImageComparison.compare(bomb, bomb, Optional.empty(), ComparisonLimits.DEFAULT).maxAbs());
    ByteBuffer lie = NiftiFiles.header(new int[] {1024, 1024, 1024}, 64, 64, ByteOrder.LITTLE_ENDIAN);
    Path liar = dir.resolve("liar.nii.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(liar))) {
      out.write(lie.array());
    }
    assertTrue(refused(liar).contains("1024x1024x1024"));
  }

  @Test
  void aMaskOfAnotherShapeIsOneLine() throws Exception {
    Path x = NiftiFiles.float32(dir.resolve("x.nii"), new int[] {2, 2}, 1, 2, 3, 4);
    Path m = NiftiFiles.float32(dir.resolve("m.nii"), new int[] {4}, 1, 1, 1, 1);
    String e = assertThrows(ComparisonException.class,
        () -> ImageComparison.compare(x, x, Optional.of(m), ComparisonLimits.DEFAULT)).getMessage();
    assertTrue(e.contains("the mask " + m + " is 4, the reference"), e);
  }

  @Test
  void aMillionColumnsInOneLineAreCompared() throws Exception {
    String line = "1.5\t".repeat(1_000_000) + "2\n";
    Path x = Files.writeString(dir.resolve("x.tsv"), line);
    assertEquals(List.of(), TableComparison.compare(x, x, 0, 0, ComparisonLimits.DEFAULT));
  }

  @Test
  void aLongCellThatIsAlmostANumberIsComparedInLinearTime() throws Exception {
    // Before: the number pattern backtracked quadratically on a run of digits not ending a number
    // (16 MiB of it: hours). Digits with a letter at the end is text, compared as text.
    String cell = "1".repeat(4_000_000) + "x";
    Path x = Files.writeString(dir.resolve("x.tsv"), cell + "\n");
    Path r = Files.writeString(dir.resolve("r.tsv"), cell.replace('x', 'y') + "\n");
    List<String> d = TableComparison.compare(x, r, 0, 0, ComparisonLimits.DEFAULT);
    assertEquals(1, d.size(), d.toString());
  }

  @Test
  void aGigabyteLineIsRefusedAfterTheLimitNotReadWhole() throws Exception {
    Path big = dir.resolve("big.tsv");
    try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap("1".getBytes(StandardCharsets.US_ASCII)), (1L << 30) - 1); // sparse, one line
    }
    String m = assertThrows(ComparisonException.class,
        () -> TableComparison.compare(big, big, 0, 0, ComparisonLimits.DEFAULT)).getMessage();
    assertTrue(m.contains("more than the 16777216 bytes"), m);
  }

  @Test
  void aCatastrophicPatternOnA16MibLogIsStopped() {
    String log = "a".repeat((16 << 20) - 1) + "!";
    String m = assertThrows(ComparisonException.class,
        () -> LogSearch.find(Pattern.compile("^(a+)+$"), log, "stdout")).getMessage();
    assertFalse(m.contains("\n"), m);
    assertTrue(m.contains("backtracks too much") || m.contains("too deeply"), m);
  }
}
