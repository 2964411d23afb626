package org.vipboutiques.recon.geometry;

/**
 * An nx*ny pixel grid with square pixels; pixel (i, j) has its centre at
 * x = (i - (nx - 1) / 2) * pixelSize, y = (j - (ny - 1) / 2) * pixelSize, so the rotation centre is a
 * pixel corner for even sizes.
 */
public record ImageGrid(int nx, int ny, double pixelSize) {
  public ImageGrid {
    if (nx < 1 || ny < 1) {
      throw new IllegalArgumentException("image size must be positive, got " + nx + "x" + ny);
    }
    if (!(pixelSize > 0) || Double.isInfinite(pixelSize)) {
      throw new IllegalArgumentException("pixel size must be finite and positive, got " + pixelSize);
    }
  }

  /** An n*n grid covering a field of view {@code fov} wide. */
  public static ImageGrid square(int n, double fov) {
    return new ImageGrid(n, n, fov / n);
  }

  public double x(int i) {
    return (i - (nx - 1) / 2.0) * pixelSize;
  }

  public double y(int j) {
    return (j - (ny - 1) / 2.0) * pixelSize;
  }

  /** Distance from the rotation centre to the farthest pixel centre. */
  public double halfDiagonal() {
    return Math.hypot((nx - 1) / 2.0, (ny - 1) / 2.0) * pixelSize;
  }
}
