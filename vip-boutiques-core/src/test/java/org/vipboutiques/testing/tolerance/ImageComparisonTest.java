package org.vipboutiques.testing.tolerance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageComparisonTest {

  @TempDir
  Path dir;

  @Test
  void rmseNmseAndMaxAbsOverTheImage() throws Exception {
    Path x = NiftiFiles.float32(dir.resolve("x.nii"), new int[] {2, 2}, 1, 2, 3, 4.5f);
    Path r = NiftiFiles.float32(dir.resolve("r.nii.gz"), new int[] {2, 2}, 1, 2, 3, 4);
    ImageErrors e = ImageComparison.compare(x, r, Optional.empty(), ComparisonLimits.DEFAULT);
    assertEquals(4, e.samples());
    assertEquals(Math.sqrt(0.25 / 4), e.rmse(), 1e-12);
    assertEquals(0.25 / 30, e.nmse(), 1e-12);
    assertEquals(0.5, e.maxAbs(), 1e-12);
  }

  @Test
  void aMaskKeepsItsNonZeroVoxelsOnly() throws Exception {
    Path x = NiftiFiles.float32(dir.resolve("x.nii"), new int[] {4}, 1, 2, 3, 100);
    Path r = NiftiFiles.float32(dir.resolve("r.nii"), new int[] {4}, 1, 2, 4, 0);
    Path m = NiftiFiles.float32(dir.resolve("m.nii"), new int[] {4}, 1, 1, 1, 0);
    ImageErrors e = ImageComparison.compare(x, r, Optional.of(m), ComparisonLimits.DEFAULT);
    assertEquals(3, e.samples());
    assertEquals(1, e.maxAbs(), 0);
  }

  @Test
  void trailingDimensionsOfOneDoNotMatterOtherShapesDo() throws Exception {
    Path x = NiftiFiles.float32(dir.resolve("x.nii"), new int[] {2, 2, 1}, 1, 2, 3, 4);
    Path r = NiftiFiles.float32(dir.resolve("r.nii"), new int[] {2, 2}, 1, 2, 3, 4);
    assertEquals(0, ImageComparison.compare(x, r, Optional.empty(), ComparisonLimits.DEFAULT).rmse());
    Path t = NiftiFiles.float32(dir.resolve("t.nii"), new int[] {4}, 1, 2, 3, 4);
    ComparisonException e = assertThrows(ComparisonException.class,
        () -> ImageComparison.compare(x, t, Optional.empty(), ComparisonLimits.DEFAULT));
    assertTrue(e.getMessage().contains("is 2x2, its reference") && e.getMessage().contains("is 4"), e.getMessage());
  }

  @Test
  void integersBigEndianAndScalingAreRead() throws Exception {
    ByteBuffer data = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putShort((short) -2).putShort((short) 7);
    ByteBuffer h = NiftiFiles.header(new int[] {2}, 4, 16, ByteOrder.BIG_ENDIAN);
    h.putFloat(112, 0.5f).putFloat(116, 1f);
    byte[] all = new byte[352 + 4];
    System.arraycopy(h.array(), 0, all, 0, 352);
    System.arraycopy(data.array(), 0, all, 352, 4);
    Path x = Files.write(dir.resolve("x.nii"), all);
    Path r = NiftiFiles.float32(dir.resolve("r.nii"), new int[] {2}, 0, 4.5f);
    assertEquals(0, ImageComparison.compare(x, r, Optional.empty(), ComparisonLimits.DEFAULT).maxAbs());
  }

  @Test
  void aNanInOneImageOnlyIsAnInfiniteError() throws Exception {
    Path x = NiftiFiles.float32(dir.resolve("x.nii"), new int[] {2}, Float.NaN, Float.NaN);
    Path r = NiftiFiles.float32(dir.resolve("r.nii"), new int[] {2}, Float.NaN, 1);
    ImageErrors e = ImageComparison.compare(x, r, Optional.empty(), ComparisonLimits.DEFAULT);
    assertEquals(Double.POSITIVE_INFINITY, e.maxAbs());
    assertEquals(Double.POSITIVE_INFINITY, e.rmse());
  }

  @Test
  void aHeaderClaimingMoreThanTheFileHoldsIsRefusedUnread() throws Exception {
    Path x = NiftiFiles.float32(dir.resolve("x.nii"), new int[] {30000, 30000, 3}, 1, 2);
    ComparisonException e = assertThrows(ComparisonException.class,
        () -> ImageComparison.compare(x, x, Optional.empty(), new ComparisonLimits(1L << 40, 1, 1)));
    assertTrue(e.getMessage().contains("30000x30000x3") && e.getMessage().contains("more than the 360-byte file"),
        e.getMessage());
    ComparisonException limit = assertThrows(ComparisonException.class,
        () -> ImageComparison.compare(x, x, Optional.empty(), ComparisonLimits.DEFAULT));
    assertTrue(limit.getMessage().contains("more than the 1073741824 a comparison reads"), limit.getMessage());
  }

  @Test
  void aSmallGzipCannotClaimAHugeImage() throws Exception {
    Path x = NiftiFiles.float32(dir.resolve("x.nii.gz"), new int[] {1000, 1000, 100}, 1);
    ComparisonException e = assertThrows(ComparisonException.class,
        () -> ImageComparison.compare(x, x, Optional.empty(), ComparisonLimits.DEFAULT));
    assertTrue(e.getMessage().contains("gzip file holds"), e.getMessage());
  }

  @Test
  void notNiftiComplexAndTruncatedFilesAreOneClearLine() throws Exception {
    Path text = Files.writeString(dir.resolve("t.nii"), "hello");
    assertTrue(assertThrows(ComparisonException.class, () -> ImageComparison.compare(text, text, Optional.empty(),
        ComparisonLimits.DEFAULT)).getMessage().contains("too short for a NIfTI-1 header"));
    Path complex = NiftiFiles.raw(dir.resolve("c.nii"), new int[] {1}, 32, 64, ByteOrder.LITTLE_ENDIAN, new byte[8]);
    assertTrue(assertThrows(ComparisonException.class, () -> ImageComparison.compare(complex, complex,
        Optional.empty(), ComparisonLimits.DEFAULT)).getMessage().contains("datatype 32 is not compared"));
    byte[] whole = Files.readAllBytes(NiftiFiles.float32(dir.resolve("w.nii"), new int[] {4}, 1, 2, 3, 4));
    Path cut = Files.write(dir.resolve("cut.nii.gz"), gzip(java.util.Arrays.copyOf(whole, whole.length - 6)));
    Path ref = NiftiFiles.float32(dir.resolve("r.nii"), new int[] {4}, 1, 2, 3, 4);
    String m = assertThrows(ComparisonException.class, () -> ImageComparison.compare(cut, ref, Optional.empty(),
        ComparisonLimits.DEFAULT)).getMessage();
    assertTrue(m.contains("ends after 2 of its 4 values"), m);
    Path missing = dir.resolve("none.nii");
    assertTrue(assertThrows(ComparisonException.class, () -> ImageComparison.compare(missing, ref, Optional.empty(),
        ComparisonLimits.DEFAULT)).getMessage().contains("no such file"));
  }

  private static byte[] gzip(byte[] b) throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    try (var z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }
}
