package org.vipboutiques.recon.fbp;

import java.util.stream.IntStream;

/**
 * Pixel-driven forward projection: each pixel spreads its value over the two detector bins nearest to
 * its projected centre with linear weights, the exact transpose of {@link BackProjector}. Views are
 * independent tasks, each writing its own detector row.
 */
final class Projector {
  private Projector() {
  }

  /** sinogram[outOffset + k * bins + b] = weight * (A image)[k, b] for image[inOffset ..]. */
  static void run(float[] image, int inOffset, SliceLayout layout, float weight, float[] sinogram, int outOffset) {
    IntStream.range(0, layout.views).parallel().forEach(k -> {
      float[] row = new float[layout.rowLength + 1];
      float c = layout.step[k];
      for (int j = 0; j < layout.ny; j++) {
        float s0 = layout.start(j, k);
        int lo = layout.first(s0, k);
        int hi = layout.last(s0, k);
        int base = inOffset + j * layout.nx;
        for (int i = lo; i <= hi; i++) {
          float s = Math.fma((float) i, c, s0);
          int n = (int) s;
          float f = s - n;
          float v = image[base + i];
          float right = v * f;
          row[n] += v - right;
          row[n + 1] += right;
        }
      }
      int o = outOffset + k * layout.bins;
      for (int b = 0; b < layout.bins; b++) {
        sinogram[o + b] = row[layout.pad + b] * weight;
      }
    });
  }
}
