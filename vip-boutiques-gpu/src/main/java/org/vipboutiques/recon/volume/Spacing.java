package org.vipboutiques.recon.volume;

/** Sample spacing along x, y and z (in the caller's length unit, millimetres in NIfTI files). */
public record Spacing(double dx, double dy, double dz) {
  public Spacing {
    if (!(dx > 0) || !(dy > 0) || !(dz > 0) || Double.isInfinite(dx) || Double.isInfinite(dy) || Double.isInfinite(dz)) {
      throw new IllegalArgumentException("spacing must be finite and positive, got " + dx + ", " + dy + ", " + dz);
    }
  }

  /** The same spacing along all three axes. */
  public static Spacing isotropic(double d) {
    return new Spacing(d, d, d);
  }
}
