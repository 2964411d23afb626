package org.vipboutiques.recon.phantom;

/** Densities of the Shepp-Logan ellipses. */
public enum Contrast {
  /** Shepp and Logan 1974: 2, -0.98, -0.02, -0.02, then 0.01 (brain about 1.02, small internal steps). */
  ORIGINAL(2, -0.98, -0.02, -0.02, 0.01),
  /** Toft's modified contrast: 1, -0.8, -0.2, -0.2, then 0.1 (ten times sharper internal edges). */
  MODIFIED(1, -0.8, -0.2, -0.2, 0.1);

  private final double[] rho;

  Contrast(double skull, double brain, double right, double left, double small) {
    this.rho = new double[] {skull, brain, right, left, small, small, small, small, small, small};
  }

  double rho(int ellipse) {
    return rho[ellipse];
  }
}
