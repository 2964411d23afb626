package org.vipboutiques.recon.fbp;

import java.util.stream.IntStream;

/**
 * Pixel-driven back-projection with linear interpolation on all cores. Rows of the image are
 * independent tasks; within a row, blocks of views update each pixel once (the pixel is loaded and
 * stored once per block), the range of pixels is clipped to where the views touch the detector, and
 * views paired 90 degrees apart (see {@link ViewPairs}) share the detector coordinate.
 */
final class BackProjector {
  private static final int BLOCK = 8;
  private static final int PAIR_BLOCK = 4;
  private static final int TILE = 32;

  private BackProjector() {
  }

  /** out[offset + j * nx + i] = weight * sum over views of the interpolated table at pixel (i, j). */
  static void run(float[] table, SliceLayout layout, ViewPairs plan, float weight, float[] out, int offset) {
    int nx = layout.nx;
    int ny = layout.ny;
    boolean paired = plan.leads.length > 0;
    if (paired && nx != ny) {
      throw new IllegalArgumentException("view pairing needs a square grid, got " + nx + "x" + ny);
    }
    float[] rotated = paired ? new float[nx * ny] : null;
    IntStream.range(0, ny).parallel().forEach(j -> {
      float[] acc = new float[nx];
      singles(table, layout, plan.singles, j, acc);
      if (paired) {
        float[] turned = new float[nx];
        pairs(table, layout, plan, j, acc, turned);
        System.arraycopy(turned, 0, rotated, j * nx, nx);
      }
      int o = offset + j * nx;
      for (int i = 0; i < nx; i++) {
        out[o + i] = acc[i] * weight;
      }
    });
    if (paired) {
      // Pixel (i, j) gets the partner views' sum that was accumulated at pixel (j, n-1-i); a transpose,
      // done in tiles so that the column-wise reads stay in cache.
      int tiles = (ny + TILE - 1) / TILE;
      IntStream.range(0, tiles).parallel().forEach(tj -> {
        int j1 = Math.min(ny, (tj + 1) * TILE);
        for (int i0 = 0; i0 < nx; i0 += TILE) {
          int i1 = Math.min(nx, i0 + TILE);
          for (int j = tj * TILE; j < j1; j++) {
            int o = offset + j * nx;
            for (int i = i0; i < i1; i++) {
              out[o + i] += rotated[(nx - 1 - i) * nx + j] * weight;
            }
          }
        }
      });
    }
  }

  /** Adds the unpaired views to row j, eight at a time. */
  private static void singles(float[] t, SliceLayout layout, int[] views, int j, float[] acc) {
    int stride = 2 * layout.rowLength;
    int v = 0;
    for (; v + BLOCK <= views.length; v += BLOCK) {
      int k1 = views[v];
      int k2 = views[v + 1];
      int k3 = views[v + 2];
      int k4 = views[v + 3];
      int k5 = views[v + 4];
      int k6 = views[v + 5];
      int k7 = views[v + 6];
      int k8 = views[v + 7];
      float c1 = layout.step[k1];
      float c2 = layout.step[k2];
      float c3 = layout.step[k3];
      float c4 = layout.step[k4];
      float c5 = layout.step[k5];
      float c6 = layout.step[k6];
      float c7 = layout.step[k7];
      float c8 = layout.step[k8];
      float s1 = layout.start(j, k1);
      float s2 = layout.start(j, k2);
      float s3 = layout.start(j, k3);
      float s4 = layout.start(j, k4);
      float s5 = layout.start(j, k5);
      float s6 = layout.start(j, k6);
      float s7 = layout.start(j, k7);
      float s8 = layout.start(j, k8);
      int lo = Math.min(Math.min(Math.min(layout.first(s1, k1), layout.first(s2, k2)),
          Math.min(layout.first(s3, k3), layout.first(s4, k4))), Math.min(Math.min(layout.first(s5, k5),
          layout.first(s6, k6)), Math.min(layout.first(s7, k7), layout.first(s8, k8))));
      int hi = Math.max(Math.max(Math.max(layout.last(s1, k1), layout.last(s2, k2)),
          Math.max(layout.last(s3, k3), layout.last(s4, k4))), Math.max(Math.max(layout.last(s5, k5),
          layout.last(s6, k6)), Math.max(layout.last(s7, k7), layout.last(s8, k8))));
      int b1 = k1 * stride;
      int b2 = k2 * stride;
      int b3 = k3 * stride;
      int b4 = k4 * stride;
      int b5 = k5 * stride;
      int b6 = k6 * stride;
      int b7 = k7 * stride;
      int b8 = k8 * stride;
      for (int i = lo; i <= hi; i++) {
        float fi = i;
        // Independent fused multiply-adds summed as a tree: a serial chain through one accumulator
        // would bind the loop to add+fma latency instead of load throughput.
        float s;
        int x;
        s = Math.fma(fi, c1, s1);
        x = b1 + 2 * (int) s;
        float u1 = Math.fma(s, t[x + 1], t[x]);
        s = Math.fma(fi, c2, s2);
        x = b2 + 2 * (int) s;
        float u2 = Math.fma(s, t[x + 1], t[x]);
        s = Math.fma(fi, c3, s3);
        x = b3 + 2 * (int) s;
        float u3 = Math.fma(s, t[x + 1], t[x]);
        s = Math.fma(fi, c4, s4);
        x = b4 + 2 * (int) s;
        float u4 = Math.fma(s, t[x + 1], t[x]);
        s = Math.fma(fi, c5, s5);
        x = b5 + 2 * (int) s;
        float u5 = Math.fma(s, t[x + 1], t[x]);
        s = Math.fma(fi, c6, s6);
        x = b6 + 2 * (int) s;
        float u6 = Math.fma(s, t[x + 1], t[x]);
        s = Math.fma(fi, c7, s7);
        x = b7 + 2 * (int) s;
        float u7 = Math.fma(s, t[x + 1], t[x]);
        s = Math.fma(fi, c8, s8);
        x = b8 + 2 * (int) s;
        float u8 = Math.fma(s, t[x + 1], t[x]);
        acc[i] += ((u1 + u2) + (u3 + u4)) + ((u5 + u6) + (u7 + u8));
      }
    }
    for (; v < views.length; v++) {
      int k = views[v];
      float c = layout.step[k];
      float s0 = layout.start(j, k);
      int lo = layout.first(s0, k);
      int hi = layout.last(s0, k);
      int b = k * stride;
      for (int i = lo; i <= hi; i++) {
        float s = Math.fma((float) i, c, s0);
        int x = b + 2 * (int) s;
        acc[i] = Math.fma(s, t[x + 1], t[x] + acc[i]);
      }
    }
  }

  /**
   * Adds the lead views of the pairs to row j of {@code acc} and, read at the same detector coordinate,
   * their partners to row j of {@code turned} (the rotated image), four pairs at a time.
   */
  private static void pairs(float[] t, SliceLayout layout, ViewPairs plan, int j, float[] acc, float[] turned) {
    int stride = 2 * layout.rowLength;
    int[] leads = plan.leads;
    int[] partners = plan.partners;
    int v = 0;
    for (; v + PAIR_BLOCK <= leads.length; v += PAIR_BLOCK) {
      float c1 = layout.step[leads[v]];
      float c2 = layout.step[leads[v + 1]];
      float c3 = layout.step[leads[v + 2]];
      float c4 = layout.step[leads[v + 3]];
      float s1 = layout.start(j, leads[v]);
      float s2 = layout.start(j, leads[v + 1]);
      float s3 = layout.start(j, leads[v + 2]);
      float s4 = layout.start(j, leads[v + 3]);
      // The partner reads at the same coordinate, so the lead's footprint bounds both.
      int lo = Math.min(Math.min(layout.first(s1, leads[v]), layout.first(s2, leads[v + 1])),
          Math.min(layout.first(s3, leads[v + 2]), layout.first(s4, leads[v + 3])));
      int hi = Math.max(Math.max(layout.last(s1, leads[v]), layout.last(s2, leads[v + 1])),
          Math.max(layout.last(s3, leads[v + 2]), layout.last(s4, leads[v + 3])));
      int a1 = leads[v] * stride;
      int a2 = leads[v + 1] * stride;
      int a3 = leads[v + 2] * stride;
      int a4 = leads[v + 3] * stride;
      int p1 = partners[v] * stride;
      int p2 = partners[v + 1] * stride;
      int p3 = partners[v + 2] * stride;
      int p4 = partners[v + 3] * stride;
      for (int i = lo; i <= hi; i++) {
        float fi = i;
        float s;
        int m;
        int x;
        int y;
        s = Math.fma(fi, c1, s1);
        m = 2 * (int) s;
        x = a1 + m;
        y = p1 + m;
        float u1 = Math.fma(s, t[x + 1], t[x]);
        float w1 = Math.fma(s, t[y + 1], t[y]);
        s = Math.fma(fi, c2, s2);
        m = 2 * (int) s;
        x = a2 + m;
        y = p2 + m;
        float u2 = Math.fma(s, t[x + 1], t[x]);
        float w2 = Math.fma(s, t[y + 1], t[y]);
        s = Math.fma(fi, c3, s3);
        m = 2 * (int) s;
        x = a3 + m;
        y = p3 + m;
        float u3 = Math.fma(s, t[x + 1], t[x]);
        float w3 = Math.fma(s, t[y + 1], t[y]);
        s = Math.fma(fi, c4, s4);
        m = 2 * (int) s;
        x = a4 + m;
        y = p4 + m;
        float u4 = Math.fma(s, t[x + 1], t[x]);
        float w4 = Math.fma(s, t[y + 1], t[y]);
        acc[i] += (u1 + u2) + (u3 + u4);
        turned[i] += (w1 + w2) + (w3 + w4);
      }
    }
    for (; v < leads.length; v++) {
      float c = layout.step[leads[v]];
      float s0 = layout.start(j, leads[v]);
      int lo = layout.first(s0, leads[v]);
      int hi = layout.last(s0, leads[v]);
      int a = leads[v] * stride;
      int p = partners[v] * stride;
      for (int i = lo; i <= hi; i++) {
        float s = Math.fma((float) i, c, s0);
        int m = 2 * (int) s;
        acc[i] += Math.fma(s, t[a + m + 1], t[a + m]);
        turned[i] += Math.fma(s, t[p + m + 1], t[p + m]);
      }
    }
  }
}
