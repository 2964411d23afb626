package org.vipboutiques.recon.volume;

import java.util.Random;

/** Volumes of test data. */
public final class TestVolumes {
  private TestVolumes() {
  }

  /** An nx x ny x nz volume of standard normal samples, the same for the same seed (unit spacing). */
  public static Volume gaussian(int nx, int ny, int nz, long seed) {
    Random r = new Random(seed);
    Volume v = Volume.zeros(nx, ny, nz, Spacing.isotropic(1));
    for (int i = 0; i < v.size(); i++) {
      v.data()[i] = (float) r.nextGaussian();
    }
    return v;
  }
}
