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
        return read(in, path, gzip ? -1 : Files.size(path));
      }
    } catch (EOFException e) {
      throw new NiftiFormatException(path + ": file ends before the header or data do", e);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read " + path + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads an image; {@code fileSize} is the file's size where it is not compressed (-1 otherwise),
   * so that a header promising more than the file holds fails before anything is allocated.
   */
  private static NiftiImage read(DataInputStream in, Path path, long fileSize) throws IOException {
    byte[] head = new byte[NiftiHeaderCodec.HEADER_SIZE];
    in.readFully(head);
    ByteOrder order = NiftiHeaderCodec.order(ByteBuffer.wrap(head, 0, 4));
    ByteBuffer hb = ByteBuffer.wrap(head).order(order);
    float offset = hb.getFloat(108);
    if (!(offset >= NiftiHeaderCodec.HEADER_SIZE) || offset > Integer.MAX_VALUE - 8) {
      throw new NiftiFormatException(path + ": vox_offset " + offset + " is inside the header or beyond 2 GiB");
    }
    int voxOffset = (int) offset;
    // readNBytes grows its buffer as bytes come: a broken offset in a short file costs no gigabyte.
    byte[] ext = in.readNBytes(voxOffset - NiftiHeaderCodec.HEADER_SIZE);
    if (ext.length < voxOffset - NiftiHeaderCodec.HEADER_SIZE) {
      throw new EOFException();
    }
    NiftiHeader header = NiftiHeaderCodec.decode(hb, ByteBuffer.wrap(ext));
    long voxels = header.voxelCount();
    long n = voxels > Integer.MAX_VALUE ? Long.MAX_VALUE : voxels * (header.dataType().isComplex() ? 2 : 1);
    if (n > Integer.MAX_VALUE - 8) {
      throw new NiftiFormatException(path + ": " + header.dims() + " exceeds 2^31 values");
    }
    long dataBytes = voxels * header.dataType().bitsPerVoxel() / 8;
    if (fileSize >= 0 && voxOffset + dataBytes > fileSize) {
      throw new NiftiFormatException(path + ": file ends before the header or data do (" + header.dims() + " "
          + header.dataType() + " needs " + (voxOffset + dataBytes) + " bytes, the file has " + fileSize + ")");
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
