package org.vipboutiques.recon.phantom;

import java.util.ArrayList;
import java.util.List;

/**
 * The Shepp-Logan head phantom (IEEE TNS 21(3), 1974) on the unit disc, and a 3D ellipsoid version:
 * the same in-plane ellipses with the z semi-axes and centres of Schabel's phantom3d, rotated about z
 * only (so every axial cut is again a set of ellipses with exact sinograms).
 */
public final class SheppLogan {
  // a, b, x0, y0, phi (degrees); densities come from Contrast.
  private static final double[][] ELLIPSES = {
    {0.69, 0.92, 0, 0, 0},
    {0.6624, 0.874, 0, -0.0184, 0},
    {0.11, 0.31, 0.22, 0, -18},
    {0.16, 0.41, -0.22, 0, 18},
    {0.21, 0.25, 0, 0.35, 0},
    {0.046, 0.046, 0, 0.1, 0},
    {0.046, 0.046, 0, -0.1, 0},
    {0.046, 0.023, -0.08, -0.605, 0},
    {0.023, 0.023, 0, -0.605, 0},
    {0.023, 0.046, 0.06, -0.605, 0},
  };
  // c, z0 for the 3D version, same order.
  private static final double[][] Z_AXES = {
    {0.81, 0}, {0.78, 0}, {0.22, 0}, {0.28, 0}, {0.41, -0.15},
    {0.05, 0.25}, {0.05, 0.25}, {0.05, 0}, {0.02, 0}, {0.02, 0},
  };

  private SheppLogan() {
  }

  /** The 2D phantom on the unit disc. */
  public static Phantom2D phantom2D(Contrast contrast) {
    List<Ellipse> list = new ArrayList<>();
    for (int e = 0; e < ELLIPSES.length; e++) {
      double[] p = ELLIPSES[e];
      list.add(new Ellipse(contrast.rho(e), p[0], p[1], p[2], p[3], p[4]));
    }
    return new Phantom2D(list);
  }

  /** The 3D phantom inside the unit ball. */
  public static Phantom3D phantom3D(Contrast contrast) {
    List<Ellipsoid> list = new ArrayList<>();
    for (int e = 0; e < ELLIPSES.length; e++) {
      double[] p = ELLIPSES[e];
      list.add(new Ellipsoid(contrast.rho(e), p[0], p[1], Z_AXES[e][0], p[2], p[3], Z_AXES[e][1], p[4]));
    }
    return new Phantom3D(list);
  }

  /**
   * The brain ellipse (the inside of the skull) shrunk by {@code shrink} about its centre, on the unit
   * disc: the region where accuracy is measured, away from the skull edge whose ringing dominates
   * whole-image errors.
   */
  public static Ellipse brainRegion(double shrink) {
    if (!(shrink > 0) || shrink > 1) {
      throw new IllegalArgumentException("shrink factor must be in (0, 1], got " + shrink);
    }
    double[] p = ELLIPSES[1];
    return new Ellipse(1, p[0], p[1], p[2], p[3], p[4]).shrunk(shrink);
  }

  /** The brain ellipsoid of the 3D phantom shrunk by {@code shrink} about its centre. */
  public static Ellipsoid brainRegion3D(double shrink) {
    if (!(shrink > 0) || shrink > 1) {
      throw new IllegalArgumentException("shrink factor must be in (0, 1], got " + shrink);
    }
    double[] p = ELLIPSES[1];
    return new Ellipsoid(1, p[0] * shrink, p[1] * shrink, Z_AXES[1][0] * shrink, p[2], p[3], Z_AXES[1][1], p[4]);
  }
}
