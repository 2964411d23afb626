package org.vipboutiques.recon.volume;

/**
 * Complex float32 samples on an nx*ny*nz grid for each of {@code channels} channels (MRI coils),
 * interleaved (re, im), x fastest, then y, z, channel: the layout cuFFT and JTransforms use for
 * batched transforms, so no repacking is needed before an FFT.
 */
public final class ComplexVolume {
  private final int nx;
  private final int ny;
  private final int nz;
  private final int channels;
  private final Spacing spacing;
  private final float[] data;

  private ComplexVolume(int nx, int ny, int nz, int channels, Spacing spacing, float[] data) {
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.channels = channels;
    this.spacing = spacing;
    this.data = data;
  }

  /** Wraps interleaved data of length 2*nx*ny*nz*channels without copying it. */
  public static ComplexVolume wrap(int nx, int ny, int nz, int channels, Spacing spacing, float[] data) {
    if (nx < 1 || ny < 1 || nz < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "dimensions must be positive, got " + nx + "x" + ny + "x" + nz + " x " + channels + " channels");
    }
    if (spacing == null || data == null) {
      throw new IllegalArgumentException("spacing and data are required");
    }
    long expected = 2L * nx * ny * nz * channels;
    if (expected != data.length) {
      throw new IllegalArgumentException("data length " + data.length + " does not match 2*"
          + nx + "*" + ny + "*" + nz + "*" + channels + " = " + expected);
    }
    return new ComplexVolume(nx, ny, nz, channels, spacing, data);
  }

  public static ComplexVolume zeros(int nx, int ny, int nz, int channels, Spacing spacing) {
    long n = 2L * nx * ny * nz * channels;
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("complex volume exceeds 2^31 floats");
    }
    return wrap(nx, ny, nz, channels, spacing, new float[(int) Math.max(0, n)]);
  }

  public int nx() {
    return nx;
  }

  public int ny() {
    return ny;
  }

  public int nz() {
    return nz;
  }

  public int channels() {
    return channels;
  }

  public Spacing spacing() {
    return spacing;
  }

  /** Interleaved (re, im) samples; writes are visible through this object. */
  public float[] data() {
    return data;
  }

  /** Complex samples per channel. */
  public int channelSize() {
    return nx * ny * nz;
  }

  /** Spacing of the image an inverse FFT of this k-space gives: 1 / (n dk) along each axis. */
  public Spacing imageSpacing() {
    return new Spacing(1 / (nx * spacing.dx()), 1 / (ny * spacing.dy()), 1 / (nz * spacing.dz()));
  }

  /** Spatial rank: 2 when nz == 1, else 3. */
  public int rank() {
    return nz == 1 ? 2 : 3;
  }
}
