package org.vipboutiques.recon.nifti;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Conversion between stored voxels and float32 values, in chunks so that large volumes stream. */
final class VoxelCodec {
  private static final int CHUNK = 1 << 16;

  private VoxelCodec() {
  }

  /** Reads values.length stored components (raw, unscaled) of {@code type} into {@code values}. */
  static void decode(DataInputStream in, NiftiDataType type, ByteOrder order, float[] values) throws IOException {
    int width = type == NiftiDataType.COMPLEX64 ? 4 : type.bytesPerVoxel();
    byte[] chunk = new byte[CHUNK * width];
    ByteBuffer b = ByteBuffer.wrap(chunk).order(order);
    for (int start = 0; start < values.length; start += CHUNK) {
      int count = Math.min(CHUNK, values.length - start);
      in.readFully(chunk, 0, count * width);
      for (int i = 0; i < count; i++) {
        int at = i * width;
        values[start + i] = switch (type) {
          case UINT8 -> chunk[at] & 0xff;
          case INT8 -> chunk[at];
          case INT16 -> b.getShort(at);
          case UINT16 -> b.getShort(at) & 0xffff;
          case INT32 -> b.getInt(at);
          case UINT32 -> b.getInt(at) & 0xffffffffL;
          case FLOAT32, COMPLEX64 -> b.getFloat(at);
          case FLOAT64 -> (float) b.getDouble(at);
        };
      }
    }
  }

  /**
   * Writes values as {@code type} (little-endian); integer types store round((v - inter) / slope),
   * clamped to the type's range.
   */
  static void encode(OutputStream out, NiftiDataType type, float[] values, double slope, double inter)
      throws IOException {
    int width = type == NiftiDataType.COMPLEX64 ? 4 : type.bytesPerVoxel();
    byte[] chunk = new byte[CHUNK * width];
    ByteBuffer b = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    for (int start = 0; start < values.length; start += CHUNK) {
      int count = Math.min(CHUNK, values.length - start);
      for (int i = 0; i < count; i++) {
        int at = i * width;
        float v = values[start + i];
        if (type.isInteger()) {
          double q = Math.rint((v - inter) / slope);
          long stored = (long) Math.max(type.min(), Math.min(type.max(), q));
          switch (type) {
            case UINT8, INT8 -> chunk[at] = (byte) stored;
            case INT16, UINT16 -> b.putShort(at, (short) stored);
            default -> b.putInt(at, (int) stored);
          }
        } else if (type == NiftiDataType.FLOAT64) {
          b.putDouble(at, v);
        } else {
          b.putFloat(at, v);
        }
      }
      out.write(chunk, 0, count * width);
    }
  }
}
