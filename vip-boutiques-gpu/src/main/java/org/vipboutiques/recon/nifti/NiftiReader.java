package org.vipboutiques.recon.nifti;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/** Reads single-file NIfTI-1 images ({@code .nii}, or gzip-compressed, recognised by content). */
public final class NiftiReader {
  /** zlib's bound on DEFLATE's expansion of compressed data. */
  private static final long MAX_DEFLATE_RATIO = 1032;

  private NiftiReader() {
  }

  /** Reads an image within the limits of this JVM ({@link NiftiLimits#fromSystem()}). */
  public static NiftiImage read(Path path) {
    return read(path, NiftiLimits.fromSystem());
  }

  /** Reads an image, refusing one whose header claims more than {@code limits} allow before allocating it. */
  public static NiftiImage read(Path path, NiftiLimits limits) {
    // A pipe (process substitution, /dev/stdin) through FileInputStream, whose available() does not seek.
    boolean regular = Files.isRegularFile(path);
    boolean pipe = !regular && Files.exists(path);
    try (InputStream raw = new BufferedInputStream(pipe ? new FileInputStream(path.toFile())
        : Files.newInputStream(path), 1 << 16)) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      boolean gzip = b0 == 0x1f && b1 == 0x8b;
      try (DataInputStream in = new DataInputStream(
          gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw)) {
        // A pipe or a device has no size to hold the header to: only the value and heap limits apply.
        return read(in, path, regular ? Files.size(path) : -1, gzip, limits);
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
   * Reads an image from a file of {@code fileSize} bytes (-1: unknown), {@code gzip}-compressed or not: a header
   * promising more than the file can hold, than {@code limits} allow or than the heap can take fails
   * before anything is allocated.
   */
  private static NiftiImage read(DataInputStream in, Path path, long fileSize, boolean gzip, NiftiLimits limits)
      throws IOException {
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
    long n = voxels > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : voxels * (header.dataType().isComplex() ? 2 : 1);
    String what = path + ": the header claims " + dims(header) + " " + header.dataType();
    if (n > limits.maxValues() || n > NiftiLimits.ARRAY_LIMIT) {
      throw new NiftiFormatException(what + " (" + (n == Long.MAX_VALUE ? "over 2^62" : Long.toString(n))
          + " values), more than the " + Math.min(limits.maxValues(), NiftiLimits.ARRAY_LIMIT)
          + " this reader takes (set -D" + NiftiLimits.MAX_VALUES_PROPERTY + "=N to change it; for vip-recon in "
          + "VIP_RECON_JAVA_OPTS)");
    }
    long dataBytes = voxels * header.dataType().bitsPerVoxel() / 8;
    // DEFLATE expands at most 1032:1, so a small .nii.gz cannot hold a large image: refused unread.
    long mostBytes = gzip ? MAX_DEFLATE_RATIO * fileSize + (1 << 16) : fileSize;
    if (fileSize >= 0 && voxOffset + dataBytes > mostBytes) {
      throw new NiftiFormatException(path + ": file ends before the header or data do (" + dims(header) + " "
          + header.dataType() + " needs " + (voxOffset + dataBytes) + " bytes, " + (gzip ? "more than the " + fileSize
          + "-byte gzip file can hold (" + mostBytes + ")" : "the file has " + fileSize) + ")");
    }
    long heapBytes = n * Float.BYTES;
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (heapBytes > rt.maxMemory()) {
      throw new NiftiFormatException(what + ", " + mib(heapBytes) + " MiB in memory, more than this JVM's heap of "
          + mib(rt.maxMemory()) + " MiB (give Java more with -Xmx, for vip-recon in VIP_RECON_JAVA_OPTS)");
    }
    float[] values;
    try {
      values = new float[(int) n];
    } catch (OutOfMemoryError e) {
      // One array failed to fit: nothing else was taken, and the heap is as it was.
      throw new NiftiFormatException(what + ", " + mib(heapBytes) + " MiB in memory, but only about " + mib(free)
          + " MiB of the heap is free (give Java more with -Xmx, for vip-recon in VIP_RECON_JAVA_OPTS)");
    }
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

  private static String dims(NiftiHeader header) {
    return header.dims().stream().map(String::valueOf).collect(Collectors.joining("x"));
  }

  private static long mib(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }
}
