package org.vipboutiques.recon.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vipboutiques.recon.volume.ComplexVolume;
import org.vipboutiques.recon.volume.Spacing;
import org.vipboutiques.recon.volume.Volume;

/** Round trips through our writer and reader, and the header bytes read back at the offsets of the NIfTI-1 standard. */
class NiftiRoundTripTest {
  @TempDir
  Path dir;

  private static Volume ramp(int nx, int ny, int nz, double offset, double step) {
    Volume v = Volume.zeros(nx, ny, nz, new Spacing(0.8, 1.25, 2.5));
    for (int i = 0; i < v.size(); i++) {
      v.data()[i] = (float) (offset + step * i);
    }
    return v;
  }

  private static ByteBuffer rawHeader(Path p) throws IOException {
    byte[] all;
    try (InputStream in = Files.newInputStream(p)) {
      all = in.readAllBytes();
    }
    if (all[0] == (byte) 0x1f && all[1] == (byte) 0x8b) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
        all = in.readAllBytes();
      }
    }
    return ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"img.nii", "img.nii.gz"})
  void float32RoundTripIsExactAndTheHeaderFollowsTheStandard(String name) throws IOException {
    Volume v = ramp(5, 4, 3, -2.5, 0.173);
    Path p = dir.resolve(name);
    NiftiWriter.writeImage(p, v, NiftiDataType.FLOAT32, "test image", Optional.of("{\"kind\":\"x\"}"));
    NiftiImage back = NiftiReader.read(p);
    assertArrayEquals(v.data(), back.toVolume().data());
    // pixdim is float32 on disk.
    assertEquals(0.8, back.toVolume().spacing().dx(), 1e-7);
    assertEquals(1.25, back.toVolume().spacing().dy(), 0);
    assertEquals(2.5, back.toVolume().spacing().dz(), 0);
    ByteBuffer b = rawHeader(p);
    assertEquals(348, b.getInt(0));
    assertEquals(3, b.getShort(40));
    assertEquals(5, b.getShort(42));
    assertEquals(4, b.getShort(44));
    assertEquals(3, b.getShort(46));
    assertEquals(16, b.getShort(70), "datatype float32");
    assertEquals(32, b.getShort(72), "bitpix");
    assertEquals(1f, b.getFloat(76), "qfac");
    assertEquals(0.8f, b.getFloat(80));
    assertEquals(1.25f, b.getFloat(84));
    assertEquals(2.5f, b.getFloat(88));
    float voxOffset = b.getFloat(108);
    assertEquals(0, voxOffset % 16, "vox_offset is a multiple of 16");
    assertEquals(1, b.getShort(252), "qform_code scanner");
    assertEquals(1, b.getShort(254), "sform_code scanner");
    // Voxel centres at (i - (n-1)/2) * d: offsets -(n-1)/2 * d.
    assertEquals(-1.6f, b.getFloat(268), 1e-6f);
    assertEquals(-1.875f, b.getFloat(272), 1e-6f);
    assertEquals(-2.5f, b.getFloat(276), 1e-6f);
    assertEquals(0.8f, b.getFloat(280));
    assertEquals(-1.6f, b.getFloat(292), 1e-6f, "srow_x[3]");
    assertEquals(1.25f, b.getFloat(300), "srow_y[1]");
    assertEquals(2.5f, b.getFloat(320), "srow_z[2]");
    assertEquals(2, b.get(123), "xyzt_units mm");
    assertEquals("n+1", new String(new byte[] {b.get(344), b.get(345), b.get(346)}, StandardCharsets.US_ASCII));
    assertEquals(0, b.get(347));
    assertEquals(1, b.get(348), "extension present");
    assertEquals(6, b.getInt(356), "comment extension code");
    assertEquals("test image", back.header().description());
    assertEquals(Optional.of("{\"kind\":\"x\"}"), back.header().comment());
    assertEquals(-2.5f, (float) back.header().calMin());
    assertEquals(List.of(5, 4, 3), back.header().dims());
  }

  @ParameterizedTest
  @EnumSource(value = NiftiDataType.class, names = {"UINT8", "INT8", "INT16", "UINT16", "INT32", "UINT32", "FLOAT64"})
  void integerAndDoubleTypesRoundTrip(NiftiDataType type) throws IOException {
    Volume integral = Volume.zeros(6, 5, 2, Spacing.isotropic(1));
    for (int i = 0; i < integral.size(); i++) {
      integral.data()[i] = (type == NiftiDataType.INT8 || type == NiftiDataType.INT16 || type == NiftiDataType.INT32
          || type == NiftiDataType.FLOAT64) ? i - 20 : i * 3;
    }
    Path p = dir.resolve("int.nii.gz");
    NiftiWriter.writeImage(p, integral, type, "", Optional.empty());
    NiftiImage back = NiftiReader.read(p);
    assertEquals(type, back.header().dataType());
    assertArrayEquals(integral.data(), back.toVolume().data(), "integral values are stored exactly");
    assertEquals(type.code(), rawHeader(p).getShort(70));
    assertEquals(type.bitsPerVoxel(), rawHeader(p).getShort(72));
    if (type.isInteger()) {
      // Non-integral data go through scl_slope / scl_inter, within half a step.
      Volume real = ramp(7, 3, 2, -1.3, 0.0917);
      NiftiWriter.writeImage(p, real, type, "", Optional.empty());
      NiftiImage scaled = NiftiReader.read(p);
      assertTrue(scaled.header().scaled());
      double slope = scaled.header().sclSlope();
      for (int i = 0; i < real.size(); i++) {
        assertEquals(real.data()[i], scaled.toVolume().data()[i], 0.5 * slope * 1.0001 + 1e-6);
      }
      assertEquals(slope, rawHeader(p).getFloat(112), 0);
    }
  }

  @Test
  void complexKSpaceRoundTrips() {
    ComplexVolume k = ComplexVolume.zeros(4, 3, 1, 2, new Spacing(0.1, 0.2, 1));
    for (int i = 0; i < k.data().length; i++) {
      k.data()[i] = i * 0.5f - 3;
    }
    Path p = dir.resolve("k.nii");
    NiftiWriter.writeKSpace(p, k, "k", Optional.empty());
    NiftiImage back = NiftiReader.read(p);
    assertEquals(NiftiDataType.COMPLEX64, back.header().dataType());
    assertEquals(List.of(4, 3, 1, 2), back.header().dims());
    ComplexVolume kb = back.toComplexVolume();
    assertArrayEquals(k.data(), kb.data());
    assertEquals(2, kb.channels());
    assertThrows(NiftiFormatException.class, back::toVolume);
  }

  @Test
  void bigEndianFilesAreRead() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(352 + 2 * 3 * 2).order(ByteOrder.BIG_ENDIAN);
    b.putInt(0, 348);
    b.putShort(40, (short) 2);
    b.putShort(42, (short) 3);
    b.putShort(44, (short) 2);
    b.putShort(70, (short) 4);
    b.putShort(72, (short) 16);
    b.putFloat(80, 1.5f);
    b.putFloat(84, 1.5f);
    b.putFloat(108, 352);
    b.putFloat(112, 0.5f);
    b.putFloat(116, 10f);
    b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
    for (int i = 0; i < 6; i++) {
      b.putShort(352 + 2 * i, (short) (i * 100 - 200));
    }
    Path p = dir.resolve("be.nii");
    Files.write(p, b.array());
    Volume v = NiftiReader.read(p).toVolume();
    assertEquals(3, v.nx());
    assertEquals(2, v.ny());
    assertEquals(1, v.nz());
    assertEquals(1.5, v.spacing().dx());
    for (int i = 0; i < 6; i++) {
      assertEquals((i * 100 - 200) * 0.5f + 10f, v.data()[i], "value " + i);
    }
  }

  @Test
  void brokenFilesGiveClearErrors() throws IOException {
    Path junk = dir.resolve("junk.nii");
    Files.write(junk, new byte[400]);
    NiftiFormatException e = assertThrows(NiftiFormatException.class, () -> NiftiReader.read(junk));
    assertTrue(e.getMessage().contains("sizeof_hdr"), e.getMessage());
    Path shortFile = dir.resolve("short.nii");
    NiftiWriter.writeImage(shortFile, ramp(8, 8, 1, 0, 1), NiftiDataType.FLOAT32, "", Optional.empty());
    byte[] all = Files.readAllBytes(shortFile);
    ByteArrayOutputStream cut = new ByteArrayOutputStream();
    cut.write(all, 0, all.length - 10);
    Files.write(shortFile, cut.toByteArray());
    assertTrue(assertThrows(NiftiFormatException.class, () -> NiftiReader.read(shortFile)).getMessage().contains("ends"));
  }

  /** A header patched in a valid file: what a broken or hostile file may say. */
  Path patched(String name, java.util.function.Consumer<ByteBuffer> patch) throws IOException {
    Path file = dir.resolve(name);
    NiftiWriter.writeImage(file, ramp(4, 4, 1, 0, 1), NiftiDataType.FLOAT32, "", Optional.empty());
    byte[] all = Files.readAllBytes(file);
    patch.accept(ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN));
    return Files.write(file, all);
  }

  String refusal(Path file) {
    return assertThrows(NiftiFormatException.class, () -> NiftiReader.read(file)).getMessage();
  }

  @Test
  void headersPromisingMoreThanTheFileHoldsFailBeforeAllocating() throws IOException {
    String huge = refusal(patched("huge.nii", b -> {
      b.putShort(40, (short) 7);
      for (int a = 0; a < 7; a++) {
        b.putShort(42 + 2 * a, (short) 32767); // 32767^7 overflows a long
      }
    }));
    assertTrue(huge.contains("(over 2^62 values), more than the"), huge);
    String big = refusal(patched("big.nii", b -> {
      b.putShort(40, (short) 3);
      b.putShort(42, (short) 1000);
      b.putShort(44, (short) 1000);
      b.putShort(46, (short) 1000);
    }));
    assertTrue(big.contains("needs 4000000352 bytes, the file has"), big);
    String far = refusal(patched("far.nii", b -> b.putFloat(108, 3e9f)));
    assertTrue(far.contains("vox_offset 3.0E9"), far);
    String short1 = refusal(patched("offset.nii", b -> b.putFloat(108, 1e9f)));
    assertTrue(short1.contains("ends"), short1);
  }

  @Test
  void anExtensionClaimingGigabytesIsIgnored() throws IOException {
    Path file = dir.resolve("ext.nii");
    NiftiWriter.writeImage(file, ramp(4, 4, 1, 0, 1), NiftiDataType.FLOAT32, "", Optional.of("{\"a\":1}"));
    byte[] all = Files.readAllBytes(file);
    ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putInt(352, Integer.MAX_VALUE);
    Files.write(file, all);
    assertEquals(Optional.empty(), NiftiReader.read(file).header().comment());
  }
}
