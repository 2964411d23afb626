package org.vipboutiques.testing.tolerance;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * The voxel values of a single-file NIfTI-1 image ({@code .nii}, or gzip-compressed, told by its
 * content), read one after another with the header's scaling applied. The header is held to the
 * limits and to the file's size before any value is read: a few bytes claiming a huge image are
 * one clear error. Real types only (integers of 8 to 64 bits, float32, float64).
 */
final class NiftiValues implements AutoCloseable {

  private static final int HEADER_SIZE = 348;
  /** zlib's bound on DEFLATE's expansion. */
  private static final long MAX_DEFLATE_RATIO = 1032;
  /** Extensions between the header and the data: generous, but not a way to make us read gigabytes first. */
  private static final long MAX_VOX_OFFSET = 64L << 20;

  private final Path path;
  private final InputStream in;
  private final List<Long> shape;
  private final long voxels;
  private final int type;
  private final int bytesPerValue;
  private final double slope;
  private final double inter;
  private final ByteBuffer buffer;
  private long read;

  private NiftiValues(Path path, InputStream in, List<Long> shape, long voxels, int type, int bytesPerValue,
      ByteOrder order, double slope, double inter) {
    this.path = path;
    this.in = in;
    this.shape = shape;
    this.voxels = voxels;
    this.type = type;
    this.bytesPerValue = bytesPerValue;
    this.slope = slope;
    this.inter = inter;
    this.buffer = ByteBuffer.allocate(1 << 16).order(order);
    buffer.limit(0);
  }

  static NiftiValues open(Path path, long maxVoxels) throws ComparisonException {
    InputStream raw = null;
    try {
      if (!Files.isRegularFile(path)) {
        throw new ComparisonException(path + ": " + (Files.exists(path) ? "not a regular file" : "no such file"));
      }
      long fileSize = Files.size(path);
      raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      boolean gzip = b0 == 0x1f && b1 == 0x8b;
      InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
      byte[] head = in.readNBytes(HEADER_SIZE);
      if (head.length < HEADER_SIZE) {
        throw new ComparisonException(path + ": " + head.length + " bytes, too short for a NIfTI-1 header (348)");
      }
      ByteBuffer h = ByteBuffer.wrap(head);
      ByteOrder order = ByteOrder.LITTLE_ENDIAN;
      int size = h.order(order).getInt(0);
      if (size != HEADER_SIZE) {
        order = ByteOrder.BIG_ENDIAN;
        size = h.order(order).getInt(0);
      }
      if (size != HEADER_SIZE) {
        int le = h.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        throw new ComparisonException(path + ": not a NIfTI-1 image (header size " + le + ", not 348"
            + (le == 540 || Integer.reverseBytes(le) == 540 ? "; NIfTI-2 is not read, save it as NIfTI-1" : "") + ")");
      }
      h.order(order);
      String magic = new String(head, 344, 3, StandardCharsets.ISO_8859_1);
      if (!magic.equals("n+1")) {
        throw new ComparisonException(path + ": not a single-file NIfTI-1 image (magic \"" + magic.strip()
            + "\", not \"n+1\"; a .hdr/.img pair is not read)");
      }
      int rank = h.getShort(40);
      if (rank < 1 || rank > 7) {
        throw new ComparisonException(path + ": dim[0] is " + rank + ", not 1 to 7");
      }
      List<Long> shape = new ArrayList<>();
      long voxels = 1;
      for (int i = 1; i <= rank; i++) {
        int d = h.getShort(40 + 2 * i);
        if (d < 1) {
          throw new ComparisonException(path + ": dim[" + i + "] is " + d + ", not a positive size");
        }
        shape.add((long) d);
        voxels = Math.multiplyHigh(voxels, d) != 0 || voxels * d < 0 ? Long.MAX_VALUE : voxels * d;
      }
      while (shape.size() > 1 && shape.get(shape.size() - 1) == 1) {
        shape.remove(shape.size() - 1);
      }
      int type = h.getShort(70);
      int bytes = switch (type) {
        case 2, 256 -> 1;
        case 4, 512 -> 2;
        case 8, 16, 768 -> 4;
        case 64, 1024, 1280 -> 8;
        default -> throw new ComparisonException(path + ": NIfTI datatype " + type + " is not compared (real types"
            + " only: integers of 8 to 64 bits, float32, float64)");
      };
      String what = path + ": the header claims " + shape.stream().map(String::valueOf).collect(Collectors.joining("x"))
          + " voxels";
      if (voxels > maxVoxels) {
        throw new ComparisonException(what + ", more than the " + maxVoxels + " a comparison reads");
      }
      float offset = h.getFloat(108);
      if (!(offset >= HEADER_SIZE) || offset > MAX_VOX_OFFSET) {
        throw new ComparisonException(path + ": vox_offset " + offset + " is inside the header or beyond "
            + (MAX_VOX_OFFSET >> 20) + " MiB");
      }
      long dataEnd = (long) offset + voxels * bytes;
      long most = gzip ? MAX_DEFLATE_RATIO * fileSize + (1 << 16) : fileSize;
      if (dataEnd > most) {
        throw new ComparisonException(what + " of " + bytes + " bytes from offset " + (long) offset + ", " + dataEnd
            + " bytes, more than the " + fileSize + "-byte " + (gzip ? "gzip " : "") + "file holds");
      }
      long skip = (long) offset - HEADER_SIZE;
      in.skipNBytes(skip);
      double slope = h.getFloat(112);
      double inter = h.getFloat(116);
      if (!Double.isFinite(slope) || slope == 0) {
        slope = 1;
        inter = 0;
      }
      NiftiValues v = new NiftiValues(path, in, List.copyOf(shape), voxels, type, bytes, order, slope,
          Double.isFinite(inter) ? inter : 0);
      raw = null;
      return v;
    } catch (EOFException e) {
      throw new ComparisonException(path + ": the file ends before its header or data do", e);
    } catch (NoSuchFileException e) {
      throw new ComparisonException(path + ": no such file", e);
    } catch (IOException e) {
      throw new ComparisonException(path + ": cannot be read: " + e.getMessage(), e);
    } finally {
      if (raw != null) {
        try {
          raw.close();
        } catch (IOException ignored) {
          // Already failing with a clearer message.
        }
      }
    }
  }

  /** The sizes of the image's dimensions, trailing dimensions of size 1 left out. */
  List<Long> shape() {
    return shape;
  }

  String shapeText() {
    return shape.stream().map(String::valueOf).collect(Collectors.joining("x"));
  }

  long voxels() {
    return voxels;
  }

  Path path() {
    return path;
  }

  /** The next voxel's value, scaled. */
  double next() throws ComparisonException {
    if (read >= voxels) {
      throw new IllegalStateException(path + ": all " + voxels + " values were read");
    }
    try {
      if (buffer.remaining() < bytesPerValue) {
        buffer.compact();
        long left = (voxels - read) * bytesPerValue - buffer.position();
        int want = (int) Math.min(buffer.remaining(), left);
        int got = in.readNBytes(buffer.array(), buffer.position(), want);
        buffer.position(buffer.position() + got);
        buffer.flip();
        if (buffer.remaining() < bytesPerValue) {
          throw new ComparisonException(path + ": the file ends after " + read + " of its " + voxels + " values");
        }
      }
    } catch (IOException e) {
      throw new ComparisonException(path + ": cannot be read: " + e.getMessage(), e);
    }
    read++;
    double v = switch (type) {
      case 2 -> buffer.get() & 0xff;
      case 256 -> buffer.get();
      case 4 -> buffer.getShort();
      case 512 -> buffer.getShort() & 0xffff;
      case 8 -> buffer.getInt();
      case 768 -> buffer.getInt() & 0xffffffffL;
      case 16 -> buffer.getFloat();
      case 64 -> buffer.getDouble();
      case 1024 -> buffer.getLong();
      case 1280 -> unsigned(buffer.getLong());
      default -> throw new IllegalStateException("type " + type + " was checked at open");
    };
    return slope == 1 && inter == 0 ? v : v * slope + inter;
  }

  private static double unsigned(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
  }

  @Override
  public void close() throws ComparisonException {
    try {
      in.close();
    } catch (IOException e) {
      throw new ComparisonException(path + ": cannot be closed: " + e.getMessage(), e);
    }
  }
}
