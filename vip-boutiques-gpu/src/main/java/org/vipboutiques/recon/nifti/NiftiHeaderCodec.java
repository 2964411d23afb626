package org.vipboutiques.recon.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The byte layout of the 348-byte NIfTI-1 header and its extensions, in one place for reader and writer. */
final class NiftiHeaderCodec {
  static final int HEADER_SIZE = 348;
  private static final int COMMENT_ECODE = 6;

  private NiftiHeaderCodec() {
  }

  /** Header, extension flag and extensions, padded so that data start at a multiple of 16. */
  static ByteBuffer encode(NiftiHeader h) {
    byte[] ext = h.comment().map(c -> c.getBytes(StandardCharsets.UTF_8)).orElse(null);
    int extSize = ext == null ? 0 : (8 + ext.length + 1 + 15) / 16 * 16;
    int voxOffset = HEADER_SIZE + 4 + extSize;
    ByteBuffer b = ByteBuffer.allocate(voxOffset).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, HEADER_SIZE);
    b.put(38, (byte) 'r');
    b.putShort(40, (short) h.dims().size());
    for (int a = 0; a < 7; a++) {
      b.putShort(42 + 2 * a, (short) h.dim(a));
    }
    b.putShort(68, (short) h.intentCode());
    b.putShort(70, (short) h.dataType().code());
    b.putShort(72, (short) h.dataType().bitsPerVoxel());
    b.putFloat(76, (float) h.qfac());
    for (int a = 0; a < 7; a++) {
      b.putFloat(80 + 4 * a, a < h.pixdims().size() ? (float) h.pixdim(a) : 1f);
    }
    b.putFloat(108, voxOffset);
    b.putFloat(112, (float) h.sclSlope());
    b.putFloat(116, (float) h.sclInter());
    b.put(123, (byte) h.xyztUnits());
    b.putFloat(124, (float) h.calMax());
    b.putFloat(128, (float) h.calMin());
    putString(b, 148, 80, h.description());
    b.putShort(252, (short) h.qformCode());
    b.putShort(254, (short) h.sformCode());
    for (int i = 0; i < 3; i++) {
      b.putFloat(256 + 4 * i, h.quaternion().get(i).floatValue());
      b.putFloat(268 + 4 * i, h.qoffset().get(i).floatValue());
    }
    for (int i = 0; i < 12; i++) {
      b.putFloat(280 + 4 * i, h.srow().get(i).floatValue());
    }
    putString(b, 328, 16, h.intentName());
    b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1').put(347, (byte) 0);
    if (ext != null) {
      b.put(348, (byte) 1);
      b.putInt(352, extSize);
      b.putInt(356, COMMENT_ECODE);
      b.put(360, ext);
    }
    return b;
  }

  /** Byte order of a header from its first four bytes (sizeof_hdr must read 348). */
  static ByteOrder order(ByteBuffer first4) {
    if (first4.order(ByteOrder.LITTLE_ENDIAN).getInt(0) == HEADER_SIZE) {
      return ByteOrder.LITTLE_ENDIAN;
    }
    if (first4.order(ByteOrder.BIG_ENDIAN).getInt(0) == HEADER_SIZE) {
      return ByteOrder.BIG_ENDIAN;
    }
    throw new NiftiFormatException("not a NIfTI-1 file: sizeof_hdr is not 348 in either byte order");
  }

  /** Parses the fixed header; {@code extensions} holds the bytes from 348 to vox_offset. */
  static NiftiHeader decode(ByteBuffer b, ByteBuffer extensions) {
    String magic = new String(new byte[] {b.get(344), b.get(345), b.get(346)}, StandardCharsets.US_ASCII);
    if (!magic.equals("n+1")) {
      throw new NiftiFormatException(magic.equals("ni1")
          ? "two-file NIfTI (.hdr/.img) is not supported; convert it to a single .nii"
          : "bad NIfTI-1 magic '" + magic + "'");
    }
    int rank = b.getShort(40);
    if (rank < 1 || rank > 7) {
      throw new NiftiFormatException("dim[0] must be 1..7, got " + rank);
    }
    List<Integer> dims = new ArrayList<>();
    List<Double> pixdims = new ArrayList<>();
    for (int a = 0; a < rank; a++) {
      int d = b.getShort(42 + 2 * a);
      if (d < 1) {
        throw new NiftiFormatException("dim[" + (a + 1) + "] must be positive, got " + d);
      }
      dims.add(d);
      double p = b.getFloat(80 + 4 * a);
      pixdims.add(p > 0 && Double.isFinite(p) ? p : 1.0);
    }
    NiftiDataType type = NiftiDataType.ofCode(b.getShort(70));
    double qfac = b.getFloat(76) < 0 ? -1 : 1;
    double slope = b.getFloat(112);
    double inter = b.getFloat(116);
    List<Double> quaternion = List.of((double) b.getFloat(256), (double) b.getFloat(260), (double) b.getFloat(264));
    List<Double> qoffset = List.of((double) b.getFloat(268), (double) b.getFloat(272), (double) b.getFloat(276));
    List<Double> srow = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      srow.add((double) b.getFloat(280 + 4 * i));
    }
    return new NiftiHeader(dims, pixdims, type, Double.isFinite(slope) ? slope : 0, Double.isFinite(inter) ? inter : 0,
        b.getShort(252), b.getShort(254), qfac, quaternion, qoffset, srow, b.get(123) & 0xff, b.getShort(68),
        getString(b, 328, 16), getString(b, 148, 80), b.getFloat(128), b.getFloat(124), comment(extensions, b.order()));
  }

  private static Optional<String> comment(ByteBuffer ext, ByteOrder order) {
    if (ext.capacity() < 4 || ext.get(0) == 0) {
      return Optional.empty();
    }
    ext.order(order);
    int pos = 4;
    while (pos + 8 <= ext.capacity()) {
      int size = ext.getInt(pos);
      int code = ext.getInt(pos + 4);
      if (size < 16 || size > ext.capacity() - pos) { // not pos + size: a huge size would overflow
        break;
      }
      if (code == COMMENT_ECODE) {
        byte[] text = new byte[size - 8];
        ext.get(pos + 8, text);
        int end = 0;
        while (end < text.length && text[end] != 0) {
          end++;
        }
        return Optional.of(new String(text, 0, end, StandardCharsets.UTF_8));
      }
      pos += size;
    }
    return Optional.empty();
  }

  private static void putString(ByteBuffer b, int at, int max, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    b.put(at, bytes, 0, Math.min(bytes.length, max - 1));
  }

  private static String getString(ByteBuffer b, int at, int max) {
    byte[] bytes = new byte[max];
    b.get(at, bytes);
    int end = 0;
    while (end < max && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.US_ASCII);
  }
}
