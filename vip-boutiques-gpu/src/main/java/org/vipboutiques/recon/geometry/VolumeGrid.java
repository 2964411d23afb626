package org.vipboutiques.recon.geometry;

/**
 * An nx*ny*nz grid of cubic voxels; voxel (i, j, k) has its centre at ((i - (nx-1)/2) * voxelSize,
 * (j - (ny-1)/2) * voxelSize, (k - (nz-1)/2) * voxelSize).
 */
public record VolumeGrid(int nx, int ny, int nz, double voxelSize) {
  public VolumeGrid {
    if (nx < 1 || ny < 1 || nz < 1) {
      throw new IllegalArgumentException("volume size must be positive, got " + nx + "x" + ny + "x" + nz);
    }
    if (!(voxelSize > 0) || Double.isInfinite(voxelSize)) {
      throw new IllegalArgumentException("voxel size must be finite and positive, got " + voxelSize);
    }
  }

  /** An n^3 grid covering a cube {@code fov} wide. */
  public static VolumeGrid cube(int n, double fov) {
    return new VolumeGrid(n, n, n, fov / n);
  }

  public double x(int i) {
    return (i - (nx - 1) / 2.0) * voxelSize;
  }

  public double y(int j) {
    return (j - (ny - 1) / 2.0) * voxelSize;
  }

  public double z(int k) {
    return (k - (nz - 1) / 2.0) * voxelSize;
  }

  /** The in-plane grid of one slice. */
  public ImageGrid slice() {
    return new ImageGrid(nx, ny, voxelSize);
  }
}
