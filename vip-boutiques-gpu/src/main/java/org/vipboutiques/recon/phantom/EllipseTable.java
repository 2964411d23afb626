package org.vipboutiques.recon.phantom;

import java.util.List;

/** Ellipses with their trigonometry precomputed: point tests run hundreds of millions of times. */
final class EllipseTable {
  private final int n;
  private final double[] x0;
  private final double[] y0;
  private final double[] cos;
  private final double[] sin;
  private final double[] invA;
  private final double[] invB;
  private final double[] rho;
  private final double[] reach;

  EllipseTable(List<Ellipse> ellipses) {
    n = ellipses.size();
    x0 = new double[n];
    y0 = new double[n];
    cos = new double[n];
    sin = new double[n];
    invA = new double[n];
    invB = new double[n];
    rho = new double[n];
    reach = new double[n];
    for (int e = 0; e < n; e++) {
      Ellipse el = ellipses.get(e);
      double phi = Math.toRadians(el.phiDegrees());
      x0[e] = el.x0();
      y0[e] = el.y0();
      cos[e] = StrictMath.cos(phi);
      sin[e] = StrictMath.sin(phi);
      invA[e] = 1 / el.a();
      invB[e] = 1 / el.b();
      rho[e] = el.rho();
      reach[e] = el.reach();
    }
  }

  double value(double x, double y) {
    double v = 0;
    for (int e = 0; e < n; e++) {
      double dx = x - x0[e];
      double dy = y - y0[e];
      if (Math.abs(dx) > reach[e] || Math.abs(dy) > reach[e]) {
        continue;
      }
      double u = (dx * cos[e] + dy * sin[e]) * invA[e];
      double w = (-dx * sin[e] + dy * cos[e]) * invB[e];
      if (u * u + w * w <= 1) {
        v += rho[e];
      }
    }
    return v;
  }
}
