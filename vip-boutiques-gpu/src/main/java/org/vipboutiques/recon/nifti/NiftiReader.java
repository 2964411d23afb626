package org.vipboutiques.recon.nifti;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads single-file NIfTI-1 images ({@code .nii}, or gzip-compressed, recognised by content). */
public final class NiftiReader {
  private NiftiReader() {
  }

  public static NiftiImage read(Path path) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      boolean gzip = b0 == 0x1f && b1 == 0x8b;
      try (DataInputStream in = new DataInputStream(
          gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw)) {
        return read(in, path);
      }
    } catch (EOFException e) {
      throw new NiftiFormatException(path + ": file ends before the header or data do", e);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read " + path + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private static NiftiImage read(DataInputStream in, Path path) throws IOException {
    byte[] head = new byte[NiftiHeaderCodec.HEADER_SIZE];
    in.readFully(head);
    ByteOrder order = NiftiHeaderCodec.order(ByteBuffer.wrap(head, 0, 4));
    ByteBuffer hb = ByteBuffer.wrap(head).order(order);
    int voxOffset = (int) hb.getFloat(108);
    if (voxOffset < NiftiHeaderCodec.HEADER_SIZE) {
      throw new NiftiFormatException(path + ": vox_offset " + voxOffset + " is inside the header");
    }
    byte[] ext = new byte[voxOffset - NiftiHeaderCodec.HEADER_SIZE];
    in.readFully(ext);
    NiftiHeader header = NiftiHeaderCodec.decode(hb, ByteBuffer.wrap(ext));
    long n = header.voxelCount() * (header.dataType().isComplex() ? 2 : 1);
    if (n > Integer.MAX_VALUE - 8) {
      throw new NiftiFormatException(path + ": " + header.dims() + " exceeds 2^31 values");
    }
    float[] values = new float[(int) n];
    VoxelCodec.decode(in, header.dataType(), order, values);
    if (header.scaled() && !header.dataType().isComplex()) {
      float slope = (float) header.sclSlope();
      float inter = (float) header.sclInter();
      for (int i = 0; i < values.length; i++) {
        values[i] = values[i] * slope + inter;
      }
    }
    return new NiftiImage(header, values);
  }
}
