package org.vipboutiques.recon.volume;

import java.util.Arrays;

/**
 * A 3D grid of float32 samples, x fastest: images, stacks of slices, sinograms (x = detector bin,
 * y = angle, z = slice) and cone-beam projections (x = detector column, y = detector row, z = view).
 *
 * <p>The sample array is shared, not copied: kernels read and write it in place because copying
 * hundreds of megabytes per step would cost more than the kernels themselves.
 */
public final class Volume {
  private final int nx;
  private final int ny;
  private final int nz;
  private final Spacing spacing;
  private final float[] data;

  private Volume(int nx, int ny, int nz, Spacing spacing, float[] data) {
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.spacing = spacing;
    this.data = data;
  }

  /** Wraps {@code data} (length nx*ny*nz, x fastest) without copying it. */
  public static Volume wrap(int nx, int ny, int nz, Spacing spacing, float[] data) {
    checkDimensions(nx, ny, nz);
    if (spacing == null || data == null) {
      throw new IllegalArgumentException("spacing and data are required");
    }
    if ((long) nx * ny * nz != data.length) {
      throw new IllegalArgumentException(
          "data length " + data.length + " does not match " + nx + "x" + ny + "x" + nz);
    }
    return new Volume(nx, ny, nz, spacing, data);
  }

  /** A zero-filled volume. */
  public static Volume zeros(int nx, int ny, int nz, Spacing spacing) {
    checkDimensions(nx, ny, nz);
    return wrap(nx, ny, nz, spacing, new float[Math.toIntExact((long) nx * ny * nz)]);
  }

  private static void checkDimensions(int nx, int ny, int nz) {
    if (nx < 1 || ny < 1 || nz < 1) {
      throw new IllegalArgumentException("dimensions must be positive, got " + nx + "x" + ny + "x" + nz);
    }
    if ((long) nx * ny * nz > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("volume " + nx + "x" + ny + "x" + nz + " exceeds 2^31 samples");
    }
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

  public Spacing spacing() {
    return spacing;
  }

  /** The backing array, x fastest; writes are visible through this volume. */
  public float[] data() {
    return data;
  }

  public int size() {
    return data.length;
  }

  /** Number of samples in one xy plane. */
  public int planeSize() {
    return nx * ny;
  }

  public float get(int x, int y, int z) {
    return data[index(x, y, z)];
  }

  public void set(int x, int y, int z, float value) {
    data[index(x, y, z)] = value;
  }

  public int index(int x, int y, int z) {
    if (x < 0 || x >= nx || y < 0 || y >= ny || z < 0 || z >= nz) {
      throw new IndexOutOfBoundsException(
          "(" + x + ", " + y + ", " + z + ") outside " + nx + "x" + ny + "x" + nz);
    }
    return (z * ny + y) * nx + x;
  }

  /** A copy of plane z as a one-plane volume. */
  public Volume plane(int z) {
    if (z < 0 || z >= nz) {
      throw new IndexOutOfBoundsException("plane " + z + " outside 0.." + (nz - 1));
    }
    int n = planeSize();
    return wrap(nx, ny, 1, spacing, Arrays.copyOfRange(data, z * n, (z + 1) * n));
  }

  /** A deep copy. */
  public Volume copy() {
    return new Volume(nx, ny, nz, spacing, data.clone());
  }

  /** Same samples with another spacing. */
  public Volume withSpacing(Spacing newSpacing) {
    return wrap(nx, ny, nz, newSpacing, data);
  }

  public boolean sameShape(Volume other) {
    return nx == other.nx && ny == other.ny && nz == other.nz;
  }

  @Override
  public String toString() {
    return "Volume[" + nx + "x" + ny + "x" + nz + ", " + spacing + "]";
  }
}
