package org.vipboutiques.recon.phantom;

/**
 * A uniform ellipse: density {@code rho} added inside semi-axes a (along the rotated x axis) and b,
 * centred at (x0, y0), rotated counter-clockwise by {@code phiDegrees}.
 */
public record Ellipse(double rho, double a, double b, double x0, double y0, double phiDegrees) {
  public Ellipse {
    if (!(a > 0) || !(b > 0)) {
      throw new IllegalArgumentException("semi-axes must be positive, got " + a + ", " + b);
    }
    if (!Double.isFinite(rho) || !Double.isFinite(x0) || !Double.isFinite(y0) || !Double.isFinite(phiDegrees)) {
      throw new IllegalArgumentException("ellipse parameters must be finite");
    }
  }

  /** The ellipse with every length multiplied by {@code factor}. */
  public Ellipse scaled(double factor) {
    return new Ellipse(rho, a * factor, b * factor, x0 * factor, y0 * factor, phiDegrees);
  }

  /** The same ellipse with its semi-axes multiplied by {@code factor} about its centre. */
  public Ellipse shrunk(double factor) {
    return new Ellipse(rho, a * factor, b * factor, x0, y0, phiDegrees);
  }

  public boolean contains(double x, double y) {
    double phi = Math.toRadians(phiDegrees);
    double c = StrictMath.cos(phi);
    double s = StrictMath.sin(phi);
    double dx = x - x0;
    double dy = y - y0;
    double u = (dx * c + dy * s) / a;
    double v = (-dx * s + dy * c) / b;
    return u * u + v * v <= 1;
  }

  /** Radius of the smallest centred disc holding the ellipse (for bounding boxes). */
  public double reach() {
    return Math.max(a, b);
  }

  /**
   * Exact line integral along x cos t + y sin t = s: 2 rho a b sqrt(a_t^2 - s'^2) / a_t^2 with
   * a_t^2 = a^2 cos^2(t - phi) + b^2 sin^2(t - phi) and s' = s - (x0 cos t + y0 sin t).
   */
  public double lineIntegral(double s, double theta) {
    double tp = theta - Math.toRadians(phiDegrees);
    double ct = StrictMath.cos(tp);
    double st = StrictMath.sin(tp);
    double at2 = a * a * ct * ct + b * b * st * st;
    double sp = s - (x0 * StrictMath.cos(theta) + y0 * StrictMath.sin(theta));
    double d = at2 - sp * sp;
    return d > 0 ? 2 * rho * a * b * Math.sqrt(d) / at2 : 0;
  }

  /**
   * Exact Fourier transform at spatial frequency (kx, ky) (cycles per length unit), convention
   * F(k) = integral f(x) exp(-2 pi i k.x) dx: rho a b J1(2 pi q) / q times exp(-2 pi i k.c). Adds the
   * result to out[0] (real) and out[1] (imaginary).
   */
  public void addFourier(double kx, double ky, double[] out) {
    double phi = Math.toRadians(phiDegrees);
    double c = StrictMath.cos(phi);
    double s = StrictMath.sin(phi);
    double k1 = a * (kx * c + ky * s);
    double k2 = b * (-kx * s + ky * c);
    double q = Math.sqrt(k1 * k1 + k2 * k2);
    double mag = rho * a * b * (q < 1e-12 ? Math.PI : BesselJ1.value(2 * Math.PI * q) / q);
    double ph = -2 * Math.PI * (kx * x0 + ky * y0);
    out[0] += mag * StrictMath.cos(ph);
    out[1] += mag * StrictMath.sin(ph);
  }
}
