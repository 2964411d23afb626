package org.vipboutiques.recon.phantom;

import java.util.List;

/** Ellipsoids with their trigonometry precomputed, for point tests and ray chords in bulk. */
final class EllipsoidTable {
  private final int n;
  private final double[] x0;
  private final double[] y0;
  private final double[] z0;
  private final double[] cos;
  private final double[] sin;
  private final double[] invA;
  private final double[] invB;
  private final double[] invC;
  private final double[] rho;
  private final double[] reach;

  EllipsoidTable(List<Ellipsoid> ellipsoids) {
    n = ellipsoids.size();
    x0 = new double[n];
    y0 = new double[n];
    z0 = new double[n];
    cos = new double[n];
    sin = new double[n];
    invA = new double[n];
    invB = new double[n];
    invC = new double[n];
    rho = new double[n];
    reach = new double[n];
    for (int e = 0; e < n; e++) {
      Ellipsoid el = ellipsoids.get(e);
      double phi = Math.toRadians(el.phiDegrees());
      x0[e] = el.x0();
      y0[e] = el.y0();
      z0[e] = el.z0();
      cos[e] = StrictMath.cos(phi);
      sin[e] = StrictMath.sin(phi);
      invA[e] = 1 / el.a();
      invB[e] = 1 / el.b();
      invC[e] = 1 / el.c();
      rho[e] = el.rho();
      reach[e] = Math.max(el.a(), Math.max(el.b(), el.c()));
    }
  }

  double value(double x, double y, double z) {
    double v = 0;
    for (int e = 0; e < n; e++) {
      double dx = x - x0[e];
      double dy = y - y0[e];
      double dz = z - z0[e];
      if (Math.abs(dx) > reach[e] || Math.abs(dy) > reach[e] || Math.abs(dz) > reach[e]) {
        continue;
      }
      double u = (dx * cos[e] + dy * sin[e]) * invA[e];
      double w = (-dx * sin[e] + dy * cos[e]) * invB[e];
      double t = dz * invC[e];
      if (u * u + w * w + t * t <= 1) {
        v += rho[e];
      }
    }
    return v;
  }

  /** Sum of rho times chord length along origin + t * direction; direction must be a unit vector. */
  double lineIntegral(double ox, double oy, double oz, double dx, double dy, double dz) {
    double sum = 0;
    for (int e = 0; e < n; e++) {
      double px = ox - x0[e];
      double py = oy - y0[e];
      double pu = (px * cos[e] + py * sin[e]) * invA[e];
      double pv = (-px * sin[e] + py * cos[e]) * invB[e];
      double pw = (oz - z0[e]) * invC[e];
      double du = (dx * cos[e] + dy * sin[e]) * invA[e];
      double dv = (-dx * sin[e] + dy * cos[e]) * invB[e];
      double dw = dz * invC[e];
      double qa = du * du + dv * dv + dw * dw;
      double qb = pu * du + pv * dv + pw * dw;
      double qc = pu * pu + pv * pv + pw * pw - 1;
      double disc = qb * qb - qa * qc;
      if (disc > 0) {
        sum += rho[e] * 2 * Math.sqrt(disc) / qa;
      }
    }
    return sum;
  }
}
