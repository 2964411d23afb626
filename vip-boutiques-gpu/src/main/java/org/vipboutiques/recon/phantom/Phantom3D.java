package org.vipboutiques.recon.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.vipboutiques.recon.geometry.ConeBeamGeometry;
import org.vipboutiques.recon.geometry.FlatDetector;
import org.vipboutiques.recon.geometry.VolumeGrid;
import org.vipboutiques.recon.volume.Spacing;
import org.vipboutiques.recon.volume.Volume;

/** A sum of uniform ellipsoids with exact volumes, cone-beam projections, slices and Fourier transforms. */
public record Phantom3D(List<Ellipsoid> ellipsoids) {
  public Phantom3D {
    if (ellipsoids == null || ellipsoids.isEmpty()) {
      throw new IllegalArgumentException("a phantom needs at least one ellipsoid");
    }
    ellipsoids = List.copyOf(ellipsoids);
  }

  public Phantom3D scaled(double factor) {
    return new Phantom3D(ellipsoids.stream().map(e -> e.scaled(factor)).toList());
  }

  public double value(double x, double y, double z) {
    return new EllipsoidTable(ellipsoids).value(x, y, z);
  }

  /** The 2D phantom cut by the plane at height z (ellipsoids rotate about z only, so cuts are ellipses). */
  public Phantom2D sliceAt(double z) {
    List<Ellipse> cut = new ArrayList<>();
    for (Ellipsoid e : ellipsoids) {
      Ellipse s = e.sectionAt(z);
      if (s != null) {
        cut.add(s);
      }
    }
    if (cut.isEmpty()) {
      // A plane outside the phantom: an empty slice, represented by a zero-density ellipse.
      cut.add(new Ellipse(0, 1e-9, 1e-9, 0, 0, 0));
    }
    return new Phantom2D(cut);
  }

  /** Voxel averages over sub^3 samples per voxel. */
  public Volume rasterize(VolumeGrid grid, int sub) {
    if (sub < 1) {
      throw new IllegalArgumentException("subsamples per axis must be positive, got " + sub);
    }
    EllipsoidTable table = new EllipsoidTable(ellipsoids);
    int nx = grid.nx();
    int ny = grid.ny();
    float[] out = new float[nx * ny * grid.nz()];
    double h = grid.voxelSize();
    IntStream.range(0, ny * grid.nz()).parallel().forEach(row -> {
      int j = row % ny;
      int k = row / ny;
      for (int i = 0; i < nx; i++) {
        double sum = 0;
        for (int sk = 0; sk < sub; sk++) {
          double z = grid.z(k) + ((sk + 0.5) / sub - 0.5) * h;
          for (int sj = 0; sj < sub; sj++) {
            double y = grid.y(j) + ((sj + 0.5) / sub - 0.5) * h;
            for (int si = 0; si < sub; si++) {
              sum += table.value(grid.x(i) + ((si + 0.5) / sub - 0.5) * h, y, z);
            }
          }
        }
        out[row * nx + i] = (float) (sum / (sub * sub * sub));
      }
    });
    return Volume.wrap(nx, ny, grid.nz(), Spacing.isotropic(h), out);
  }

  /**
   * Exact cone-beam projections (columns x rows x views) for {@code geometry}: each detector pixel
   * holds the line integral along the ray from the source to the pixel centre.
   */
  public Volume coneBeamProjections(ConeBeamGeometry geometry) {
    EllipsoidTable table = new EllipsoidTable(ellipsoids);
    FlatDetector det = geometry.detector();
    int nu = det.columns();
    int nv = det.rows();
    int views = geometry.views();
    double r = geometry.sourceToIsocentre();
    double d = geometry.sourceToDetector();
    float[] out = new float[nu * nv * views];
    IntStream.range(0, views * nv).parallel().forEach(row -> {
      int k = row / nv;
      int l = row % nv;
      double beta = geometry.angles().get(k);
      double cb = StrictMath.cos(beta);
      double sb = StrictMath.sin(beta);
      double sx = r * sb;
      double sy = -r * cb;
      double v = det.v(l);
      for (int c = 0; c < nu; c++) {
        double u = det.u(c);
        // Ray from the source to the detector pixel: d along the central ray plus u e_u plus v e_z.
        double dx = -d * sb + u * cb;
        double dy = d * cb + u * sb;
        double dz = v;
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        out[row * nu + c] = (float) table.lineIntegral(sx, sy, 0, dx / len, dy / len, dz / len);
      }
    });
    return Volume.wrap(nu, nv, views, new Spacing(det.columnSpacing(), det.rowSpacing(), 1), out);
  }

  /** Exact Fourier transform at (kx, ky, kz); returns {re, im}. */
  public double[] fourier(double kx, double ky, double kz) {
    double[] out = new double[2];
    for (Ellipsoid e : ellipsoids) {
      e.addFourier(kx, ky, kz, out);
    }
    return out;
  }
}
