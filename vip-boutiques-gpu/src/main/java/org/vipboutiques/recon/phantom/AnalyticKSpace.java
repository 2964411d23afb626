package org.vipboutiques.recon.phantom;

import java.util.stream.IntStream;
import org.vipboutiques.recon.geometry.ImageGrid;
import org.vipboutiques.recon.geometry.VolumeGrid;
import org.vipboutiques.recon.volume.ComplexVolume;
import org.vipboutiques.recon.volume.Spacing;
import org.vipboutiques.recon.volume.Volume;

/**
 * Exact multi-coil Cartesian k-space of the ellipse phantoms, sampled so that the centred orthonormal
 * inverse FFT x = fftshift(ifftn(ifftshift(k))) gives back the object at the image grid's pixel
 * centres, in the object's own density units.
 *
 * <p>Sample m of an axis of n points over a field of view fov = n * h is at k_m = (m - n/2) / fov
 * (the fftshift origin). Two factors make the discrete transform land on the continuous object: the
 * scale 1 / (sqrt(n) h) per axis, and a phase exp(i pi k_m h) per axis, because pixel centres sit at
 * (index - (n-1)/2) h while the fftshift origin is index n/2, half a pixel away for even n.
 */
public final class AnalyticKSpace {
  private AnalyticKSpace() {
  }

  /** k-space of {@code phantom} on {@code grid} for each coil: nx x ny x 1 x coils. */
  public static ComplexVolume of(Phantom2D phantom, ImageGrid grid, SyntheticCoils coils) {
    int nx = grid.nx();
    int ny = grid.ny();
    double h = grid.pixelSize();
    double fovX = nx * h;
    double fovY = ny * h;
    // The object's transform on the grid extended by one sample each side, for the coil shifts.
    int ex = nx + 2;
    int ey = ny + 2;
    double[] obj = new double[2 * ex * ey];
    IntStream.range(0, ey).parallel().forEach(jj -> {
      double ky = (jj - 1 - ny / 2) / fovY;
      for (int ii = 0; ii < ex; ii++) {
        double kx = (ii - 1 - nx / 2) / fovX;
        double[] f = phantom.fourier(kx, ky);
        obj[2 * (jj * ex + ii)] = f[0];
        obj[2 * (jj * ex + ii) + 1] = f[1];
      }
    });
    double scale = 1 / (Math.sqrt((double) nx * ny) * h * h);
    ComplexVolume out = ComplexVolume.zeros(nx, ny, 1, coils.count(), new Spacing(1 / fovX, 1 / fovY, 1 / h));
    float[] data = out.data();
    IntStream.range(0, coils.count()).parallel().forEach(c -> {
      double[][] w = new double[9][];
      for (int q = -1; q <= 1; q++) {
        for (int p = -1; p <= 1; p++) {
          w[(q + 1) * 3 + p + 1] = coils.weight(c, p, q);
        }
      }
      int base = 2 * c * nx * ny;
      for (int j = 0; j < ny; j++) {
        double ky = (j - ny / 2) / fovY;
        for (int i = 0; i < nx; i++) {
          double kx = (i - nx / 2) / fovX;
          double re = 0;
          double im = 0;
          // (S f)^(k) = sum_pq w_pq F(k - (p, q) / fov).
          for (int q = -1; q <= 1; q++) {
            for (int p = -1; p <= 1; p++) {
              double[] wt = w[(q + 1) * 3 + p + 1];
              int o = 2 * ((j + 1 - q) * ex + (i + 1 - p));
              re += wt[0] * obj[o] - wt[1] * obj[o + 1];
              im += wt[0] * obj[o + 1] + wt[1] * obj[o];
            }
          }
          double ph = Math.PI * (kx + ky) * h;
          double cr = StrictMath.cos(ph) * scale;
          double ci = StrictMath.sin(ph) * scale;
          data[base + 2 * (j * nx + i)] = (float) (re * cr - im * ci);
          data[base + 2 * (j * nx + i) + 1] = (float) (re * ci + im * cr);
        }
      }
    });
    return out;
  }

  /** Single-coil 3D k-space of {@code phantom} on {@code grid}: nx x ny x nz x 1. */
  public static ComplexVolume of(Phantom3D phantom, VolumeGrid grid) {
    int nx = grid.nx();
    int ny = grid.ny();
    int nz = grid.nz();
    double h = grid.voxelSize();
    double scale = 1 / (Math.sqrt((double) nx * ny * nz) * h * h * h);
    ComplexVolume out = ComplexVolume.zeros(nx, ny, nz, 1, new Spacing(1 / (nx * h), 1 / (ny * h), 1 / (nz * h)));
    float[] data = out.data();
    IntStream.range(0, ny * nz).parallel().forEach(row -> {
      int j = row % ny;
      int k = row / ny;
      double ky = (j - ny / 2) / (ny * h);
      double kz = (k - nz / 2) / (nz * h);
      for (int i = 0; i < nx; i++) {
        double kx = (i - nx / 2) / (nx * h);
        double[] f = phantom.fourier(kx, ky, kz);
        double ph = Math.PI * (kx + ky + kz) * h;
        double cr = StrictMath.cos(ph) * scale;
        double ci = StrictMath.sin(ph) * scale;
        int o = 2 * (row * nx + i);
        data[o] = (float) (f[0] * cr - f[1] * ci);
        data[o + 1] = (float) (f[0] * ci + f[1] * cr);
      }
    });
    return out;
  }

  /**
   * The image a perfect multi-coil reconstruction converges to: pixel averages (sub*sub samples) of
   * |f| sqrt(sum_c |S_c|^2).
   */
  public static Volume rootSumOfSquaresTruth(Phantom2D phantom, ImageGrid grid, SyntheticCoils coils, int sub) {
    Volume image = phantom.rasterize(grid, sub);
    float[] d = image.data();
    double fov = grid.nx() * grid.pixelSize();
    for (int j = 0; j < grid.ny(); j++) {
      for (int i = 0; i < grid.nx(); i++) {
        // The gain varies over a whole field of view, so its value at the pixel centre is enough.
        double g = Math.sqrt(coils.sumOfSquares(grid.x(i), grid.y(j), fov));
        d[j * grid.nx() + i] = (float) Math.abs(d[j * grid.nx() + i] * g);
      }
    }
    return image;
  }
}
