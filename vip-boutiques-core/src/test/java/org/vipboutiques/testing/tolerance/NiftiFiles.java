package org.vipboutiques.testing.tolerance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes NIfTI-1 files byte by byte, as the standard lays them out, for the comparison tests. */
public final class NiftiFiles {

  private NiftiFiles() {}

  /** A float32 image of the given dims, values in order; gzip-compressed when the name ends in .gz. */
  public static Path float32(Path file, int[] dims, float... values) throws IOException {
    ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      data.putFloat(v);
    }
    return write(file, header(dims, 16, 32, ByteOrder.LITTLE_ENDIAN), data.array());
  }

  /** An image of the given type whose header is written in {@code order}, and raw data bytes. */
  public static Path raw(Path file, int[] dims, int datatype, int bitpix, ByteOrder order, byte[] data)
      throws IOException {
    return write(file, header(dims, datatype, bitpix, order), data);
  }

  /** A 352-byte header (348 and the 4 extension bytes) with vox_offset 352. */
  public static ByteBuffer header(int[] dims, int datatype, int bitpix, ByteOrder order) {
    ByteBuffer h = ByteBuffer.allocate(352).order(order);
    h.putInt(0, 348);
    h.putShort(40, (short) dims.length);
    for (int i = 0; i < dims.length; i++) {
      h.putShort(42 + 2 * i, (short) dims[i]);
    }
    h.putShort(70, (short) datatype);
    h.putShort(72, (short) bitpix);
    h.putFloat(108, 352f);
    h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
    return h;
  }

  private static Path write(Path file, ByteBuffer header, byte[] data) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(header.array());
    all.write(data);
    try (OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file))
        : Files.newOutputStream(file)) {
      out.write(all.toByteArray());
    }
    return file;
  }
}
