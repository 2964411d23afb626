package org.vipboutiques.recon.fdk;

import java.util.stream.IntStream;
import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.filter.RowFilter;
import org.vipboutiques.recon.geometry.ConeBeamGeometry;
import org.vipboutiques.recon.geometry.FlatDetector;
import org.vipboutiques.recon.geometry.VolumeGrid;
import org.vipboutiques.recon.volume.Spacing;
import org.vipboutiques.recon.volume.Volume;

/**
 * The CPU implementation of {@link ConeBeam}. Filtered projections are stored transposed (row index
 * fastest) with one zero sample around them, because a voxel column (fixed x, y) projects onto a fixed
 * detector column at each view: the inner loop over z then reads two contiguous detector columns.
 */
public final class CpuConeBeam implements ConeBeam {

  @Override
  public Volume fdk(Volume projections, ConeBeamGeometry geometry, RampFilter filter) {
    geometry.requireProjections(projections);
    FlatDetector det = geometry.detector();
    int nu = det.columns();
    int nv = det.rows();
    int views = geometry.views();
    int su = nu + 2;
    int sv = nv + 2;
    float[] filtered = new float[views * su * sv];
    double isoSpacing = det.columnSpacing() / geometry.magnification();
    RowFilter prototype = new RowFilter(filter, nu, isoSpacing);
    ThreadLocal<RowFilter> filters = ThreadLocal.withInitial(prototype::forAnotherThread);
    float[] in = projections.data();
    double d = geometry.sourceToDetector();
    IntStream.range(0, views * nv).parallel().forEach(row -> {
      int k = row / nv;
      int l = row % nv;
      float[] weighted = new float[nu];
      double v = det.v(l);
      int o = row * nu;
      for (int c = 0; c < nu; c++) {
        double u = det.u(c);
        weighted[c] = (float) (in[o + c] * d / Math.sqrt(d * d + u * u + v * v));
      }
      // Transposed write: column c, row l of view k at (k, c + 1, l + 1).
      filters.get().filter(weighted, 0, 1, filtered, (k * su + 1) * sv + l + 1, sv);
    });
    return backProject(filtered, su, sv, geometry);
  }

  private static Volume backProject(float[] p, int su, int sv, ConeBeamGeometry g) {
    VolumeGrid grid = g.volume();
    FlatDetector det = g.detector();
    int nx = grid.nx();
    int ny = grid.ny();
    int nz = grid.nz();
    int nu = det.columns();
    int nv = det.rows();
    int views = g.views();
    double r = g.sourceToIsocentre();
    double d = g.sourceToDetector();
    double[] cos = new double[views];
    double[] sin = new double[views];
    for (int k = 0; k < views; k++) {
      cos[k] = StrictMath.cos(g.angles().get(k));
      sin[k] = StrictMath.sin(g.angles().get(k));
    }
    float weight = (float) g.fdkWeight();
    float[] out = new float[nx * ny * nz];
    IntStream.range(0, nx * ny).parallel().forEach(col -> {
      int i = col % nx;
      int j = col / nx;
      double x = grid.x(i);
      double y = grid.y(j);
      float[] acc = new float[nz];
      for (int k = 0; k < views; k++) {
        double big = r - x * sin[k] + y * cos[k];
        double fu = d * (x * cos[k] + y * sin[k]) / big / det.columnSpacing() + (nu - 1) / 2.0;
        if (!(fu > -1) || !(fu < nu)) {
          continue;
        }
        int iu = (int) Math.floor(fu);
        float au = (float) (fu - iu);
        float w = (float) (r * r / (big * big));
        // Detector row of voxel k: fv = a * z_index + b, linear because v = D z / U with U fixed.
        double a = d * grid.voxelSize() / (big * det.rowSpacing());
        double b = d * grid.z(0) / (big * det.rowSpacing()) + (nv - 1) / 2.0;
        int first = 0;
        int last = nz - 1;
        if (a > 0) {
          first = (int) Math.max(0, Math.floor((-1 - b) / a));
          last = (int) Math.min(nz - 1, Math.ceil((nv - b) / a));
        }
        int c0 = (k * su + iu + 1) * sv + 1;
        int c1 = c0 + sv;
        for (int z = first; z <= last; z++) {
          double fv = a * z + b;
          if (!(fv > -1) || !(fv < nv)) {
            continue;
          }
          int iv = (int) Math.floor(fv);
          float av = (float) (fv - iv);
          float left = p[c0 + iv] + av * (p[c0 + iv + 1] - p[c0 + iv]);
          float right = p[c1 + iv] + av * (p[c1 + iv + 1] - p[c1 + iv]);
          acc[z] += w * (left + au * (right - left));
        }
      }
      for (int z = 0; z < nz; z++) {
        out[(z * ny + j) * nx + i] = acc[z] * weight;
      }
    });
    return Volume.wrap(nx, ny, nz, Spacing.isotropic(grid.voxelSize()), out);
  }
}
