package org.vipboutiques.recon.phantom;

import java.util.List;
import java.util.stream.IntStream;
import org.vipboutiques.recon.geometry.ImageGrid;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.volume.Spacing;
import org.vipboutiques.recon.volume.Volume;

/**
 * A sum of uniform ellipses with exact pictures, sinograms and Fourier transforms, so that kernels are
 * checked against analytic answers rather than against another discretisation of themselves.
 */
public record Phantom2D(List<Ellipse> ellipses) {
  public Phantom2D {
    if (ellipses == null || ellipses.isEmpty()) {
      throw new IllegalArgumentException("a phantom needs at least one ellipse");
    }
    ellipses = List.copyOf(ellipses);
  }

  /** Every length multiplied by {@code factor} (the unit-disc phantom scaled to a field of view). */
  public Phantom2D scaled(double factor) {
    return new Phantom2D(ellipses.stream().map(e -> e.scaled(factor)).toList());
  }

  public double value(double x, double y) {
    return new EllipseTable(ellipses).value(x, y);
  }

  /**
   * The picture on {@code grid}: each pixel is the mean of sub*sub samples spread evenly over the pixel
   * (sub = 1 samples the centre), i.e. the pixel average that a perfect reconstruction converges to.
   */
  public Volume rasterize(ImageGrid grid, int sub) {
    if (sub < 1) {
      throw new IllegalArgumentException("subsamples per axis must be positive, got " + sub);
    }
    EllipseTable table = new EllipseTable(ellipses);
    int nx = grid.nx();
    float[] out = new float[nx * grid.ny()];
    double h = grid.pixelSize();
    IntStream.range(0, grid.ny()).parallel().forEach(j -> {
      for (int i = 0; i < nx; i++) {
        double sum = 0;
        for (int sj = 0; sj < sub; sj++) {
          double y = grid.y(j) + ((sj + 0.5) / sub - 0.5) * h;
          for (int si = 0; si < sub; si++) {
            sum += table.value(grid.x(i) + ((si + 0.5) / sub - 0.5) * h, y);
          }
        }
        out[j * nx + i] = (float) (sum / (sub * sub));
      }
    });
    return Volume.wrap(nx, grid.ny(), 1, Spacing.isotropic(h), out);
  }

  /** Exact parallel-beam sinogram: bins x views x 1, spacing (bin width, 1, 1). */
  public Volume sinogram(ParallelBeamGeometry geometry) {
    int nd = geometry.bins();
    int nv = geometry.views();
    float[] out = new float[nd * nv];
    IntStream.range(0, nv).parallel().forEach(k -> {
      double t = geometry.angles().get(k);
      for (int b = 0; b < nd; b++) {
        double s = geometry.detector().position(b);
        double p = 0;
        for (Ellipse e : ellipses) {
          p += e.lineIntegral(s, t);
        }
        out[k * nd + b] = (float) p;
      }
    });
    return Volume.wrap(nd, nv, 1, new Spacing(geometry.detector().spacing(), 1, 1), out);
  }

  /** Exact Fourier transform at (kx, ky); returns {re, im}. */
  public double[] fourier(double kx, double ky) {
    double[] out = new double[2];
    for (Ellipse e : ellipses) {
      e.addFourier(kx, ky, out);
    }
    return out;
  }
}
