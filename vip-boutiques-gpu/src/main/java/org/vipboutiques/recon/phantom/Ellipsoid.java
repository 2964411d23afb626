package org.vipboutiques.recon.phantom;

/**
 * A uniform ellipsoid: density {@code rho} inside semi-axes a, b, c centred at (x0, y0, z0), rotated
 * about the z axis by {@code phiDegrees} (counter-clockwise seen from +z).
 */
public record Ellipsoid(double rho, double a, double b, double c, double x0, double y0, double z0, double phiDegrees) {
  public Ellipsoid {
    if (!(a > 0) || !(b > 0) || !(c > 0)) {
      throw new IllegalArgumentException("semi-axes must be positive, got " + a + ", " + b + ", " + c);
    }
    if (!Double.isFinite(rho) || !Double.isFinite(x0) || !Double.isFinite(y0) || !Double.isFinite(z0)
        || !Double.isFinite(phiDegrees)) {
      throw new IllegalArgumentException("ellipsoid parameters must be finite");
    }
  }

  public Ellipsoid scaled(double factor) {
    return new Ellipsoid(rho, a * factor, b * factor, c * factor, x0 * factor, y0 * factor, z0 * factor, phiDegrees);
  }

  public boolean contains(double x, double y, double z) {
    double phi = Math.toRadians(phiDegrees);
    double cp = StrictMath.cos(phi);
    double sp = StrictMath.sin(phi);
    double dx = x - x0;
    double dy = y - y0;
    double u = (dx * cp + dy * sp) / a;
    double v = (-dx * sp + dy * cp) / b;
    double w = (z - z0) / c;
    return u * u + v * v + w * w <= 1;
  }

  /** The cut by the plane at height z, or null when the plane misses the ellipsoid. */
  Ellipse sectionAt(double z) {
    double w = (z - z0) / c;
    double f = 1 - w * w;
    return f > 0 ? new Ellipse(rho, a * Math.sqrt(f), b * Math.sqrt(f), x0, y0, phiDegrees) : null;
  }

  /**
   * Exact line integral of the density along the ray origin + t * direction, t real (direction need not
   * be normalised): rho times the chord length.
   */
  public double lineIntegral(double ox, double oy, double oz, double dx, double dy, double dz) {
    double phi = Math.toRadians(phiDegrees);
    double cp = StrictMath.cos(phi);
    double sp = StrictMath.sin(phi);
    double px = ox - x0;
    double py = oy - y0;
    double pz = oz - z0;
    double pu = (px * cp + py * sp) / a;
    double pv = (-px * sp + py * cp) / b;
    double pw = pz / c;
    double du = (dx * cp + dy * sp) / a;
    double dv = (-dx * sp + dy * cp) / b;
    double dw = dz / c;
    double qa = du * du + dv * dv + dw * dw;
    double qb = pu * du + pv * dv + pw * dw;
    double qc = pu * pu + pv * pv + pw * pw - 1;
    double disc = qb * qb - qa * qc;
    if (disc <= 0) {
      return 0;
    }
    double norm = Math.sqrt(dx * dx + dy * dy + dz * dz);
    return rho * 2 * Math.sqrt(disc) / qa * norm;
  }

  /**
   * Exact Fourier transform at (kx, ky, kz): rho a b c * B(q) * exp(-2 pi i k.c0) with
   * B(q) = (sin(2 pi q) - 2 pi q cos(2 pi q)) / (2 pi^2 q^3), the transform of the unit ball. Adds to out.
   */
  public void addFourier(double kx, double ky, double kz, double[] out) {
    double phi = Math.toRadians(phiDegrees);
    double cp = StrictMath.cos(phi);
    double sp = StrictMath.sin(phi);
    double k1 = a * (kx * cp + ky * sp);
    double k2 = b * (-kx * sp + ky * cp);
    double k3 = c * kz;
    double q = Math.sqrt(k1 * k1 + k2 * k2 + k3 * k3);
    double ball;
    double z = 2 * Math.PI * q;
    if (z < 1e-3) {
      // Series of sin z - z cos z = z^3/3 - z^5/30 avoids cancellation near q = 0.
      ball = 4 * Math.PI / 3 * (1 - z * z / 10);
    } else {
      ball = (StrictMath.sin(z) - z * StrictMath.cos(z)) / (2 * Math.PI * Math.PI * q * q * q);
    }
    double mag = rho * a * b * c * ball;
    double ph = -2 * Math.PI * (kx * x0 + ky * y0 + kz * z0);
    out[0] += mag * StrictMath.cos(ph);
    out[1] += mag * StrictMath.sin(ph);
  }
}
