package org.vipboutiques.recon.cuda;

import org.vipboutiques.recon.geometry.ConeBeamGeometry;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;

/** Per-view constants the kernels read, computed on the host in double from the same float trig as the CPU back end. */
final class ViewConstants {
  private ViewConstants() {
  }

  /**
   * float4 per view: pixel (i, j) lands on fractional detector bin i * x + j * y + z (w unused), bins
   * counted from 0 without padding.
   */
  static float[] parallel(ParallelBeamGeometry g) {
    float[] cos = g.angles().cosines();
    float[] sin = g.angles().sines();
    double ds = g.detector().spacing();
    double h = g.image().pixelSize();
    double centre = (g.bins() - 1) / 2.0 - g.detector().offset() / ds;
    float[] out = new float[4 * g.views()];
    for (int k = 0; k < g.views(); k++) {
      out[4 * k] = (float) (h * cos[k] / ds);
      out[4 * k + 1] = (float) (h * sin[k] / ds);
      out[4 * k + 2] = (float) ((g.image().x(0) * cos[k] + g.image().y(0) * sin[k]) / ds + centre);
    }
    return out;
  }

  /** float2 per view: (cos b, sin b). */
  static float[] cone(ConeBeamGeometry g) {
    float[] out = new float[2 * g.views()];
    for (int k = 0; k < g.views(); k++) {
      out[2 * k] = (float) StrictMath.cos(g.angles().get(k));
      out[2 * k + 1] = (float) StrictMath.sin(g.angles().get(k));
    }
    return out;
  }
}
