package org.vipboutiques.recon.metrics;

import java.util.BitSet;
import org.vipboutiques.recon.geometry.ImageGrid;
import org.vipboutiques.recon.geometry.VolumeGrid;
import org.vipboutiques.recon.phantom.Ellipse;
import org.vipboutiques.recon.phantom.Ellipsoid;
import org.vipboutiques.recon.volume.Volume;

/** A set of samples of an nx*ny*nz grid (x fastest) over which errors are measured. */
public final class Mask {
  private final int nx;
  private final int ny;
  private final int nz;
  private final BitSet bits;

  private Mask(int nx, int ny, int nz, BitSet bits) {
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.bits = bits;
  }

  /** Every sample. */
  public static Mask all(int nx, int ny, int nz) {
    BitSet b = new BitSet(nx * ny * nz);
    b.set(0, nx * ny * nz);
    return new Mask(nx, ny, nz, b);
  }

  /** Pixels of {@code grid} whose centre lies in {@code region}. */
  public static Mask inside(Ellipse region, ImageGrid grid) {
    BitSet b = new BitSet(grid.nx() * grid.ny());
    for (int j = 0; j < grid.ny(); j++) {
      for (int i = 0; i < grid.nx(); i++) {
        if (region.contains(grid.x(i), grid.y(j))) {
          b.set(j * grid.nx() + i);
        }
      }
    }
    return new Mask(grid.nx(), grid.ny(), 1, b);
  }

  /** Voxels of {@code grid} whose centre lies in {@code region} and within |z| &le; halfHeight. */
  public static Mask inside(Ellipsoid region, VolumeGrid grid, double halfHeight) {
    int plane = grid.nx() * grid.ny();
    BitSet b = new BitSet(plane * grid.nz());
    for (int k = 0; k < grid.nz(); k++) {
      if (Math.abs(grid.z(k)) > halfHeight) {
        continue;
      }
      for (int j = 0; j < grid.ny(); j++) {
        for (int i = 0; i < grid.nx(); i++) {
          if (region.contains(grid.x(i), grid.y(j), grid.z(k))) {
            b.set(k * plane + j * grid.nx() + i);
          }
        }
      }
    }
    return new Mask(grid.nx(), grid.ny(), grid.nz(), b);
  }

  /** The same in-plane mask on each of {@code slices} slices. */
  public static Mask stack(Mask slice, int slices) {
    if (slice.nz != 1 || slices < 1) {
      throw new IllegalArgumentException("stack needs a one-slice mask and a positive slice count");
    }
    int plane = slice.nx * slice.ny;
    BitSet b = new BitSet(plane * slices);
    for (int z = 0; z < slices; z++) {
      for (int p = slice.bits.nextSetBit(0); p >= 0; p = slice.bits.nextSetBit(p + 1)) {
        b.set(z * plane + p);
      }
    }
    return new Mask(slice.nx, slice.ny, slices, b);
  }

  public boolean contains(int index) {
    return bits.get(index);
  }

  public int count() {
    return bits.cardinality();
  }

  /** The mean of {@code v} over the samples this mask holds. */
  public double mean(Volume v) {
    if (v.nx() != nx || v.ny() != ny || v.nz() != nz) {
      throw new IllegalArgumentException("volume " + v + " and mask " + nx + "x" + ny + "x" + nz + " differ in shape");
    }
    if (bits.isEmpty()) {
      throw new IllegalArgumentException("the mask is empty");
    }
    double s = 0;
    for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
      s += v.data()[i];
    }
    return s / count();
  }

  int nx() {
    return nx;
  }

  int ny() {
    return ny;
  }

  int nz() {
    return nz;
  }

  BitSet bits() {
    return bits;
  }
}
