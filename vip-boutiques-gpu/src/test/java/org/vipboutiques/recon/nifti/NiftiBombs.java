package org.vipboutiques.recon.nifti;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** NIfTI files whose headers claim more than they hold, as a hostile user would send them. */
public final class NiftiBombs {
  private NiftiBombs() {
  }

  /**
   * A gzip-compressed NIfTI-1 header claiming an {@code n}x{@code n}x{@code n} float32 image,
   * followed by {@code dataBytes} zero bytes of data (0: the 54-byte file of 1290^3 of issue 11).
   */
  public static Path cube(Path file, int n, long dataBytes) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0, 348);
    short[] dim = {3, (short) n, (short) n, (short) n, 1, 1, 1, 1};
    for (int i = 0; i < dim.length; i++) {
      h.putShort(40 + 2 * i, dim[i]);
    }
    h.putShort(70, (short) 16); // float32
    h.putShort(72, (short) 32);
    for (int i = 0; i < 8; i++) {
      h.putFloat(76 + 4 * i, 1f);
    }
    h.putFloat(108, 352f); // vox_offset
    h.putFloat(112, 1f); // scl_slope
    h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(h.array());
      byte[] zeros = new byte[1 << 16];
      for (long left = dataBytes; left > 0; left -= zeros.length) {
        out.write(zeros, 0, (int) Math.min(zeros.length, left));
      }
    }
    return file;
  }
}
