package org.vipboutiques.recon.fbp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.vipboutiques.recon.geometry.AngleSet;

/**
 * Views paired with the view 90 degrees further on. On a square centred grid, view t + 90 at pixel
 * (i, j) reads the detector where view t reads for pixel (j, n-1-i), so one detector coordinate serves
 * both views: the back-projector computes it once and adds the second view's value to a rotated image.
 * Uniform half- and full-turn angle sets pair every view; views without a partner are back-projected
 * alone.
 */
final class ViewPairs {
  private static final double TOLERANCE = 1e-9;

  final int[] leads;
  final int[] partners;
  final int[] singles;

  private ViewPairs(int[] leads, int[] partners, int[] singles) {
    this.leads = leads;
    this.partners = partners;
    this.singles = singles;
  }

  /** No pairing: every view alone (exact adjoint of the projector, non-square grids). */
  static ViewPairs none(int views) {
    int[] all = new int[views];
    Arrays.setAll(all, k -> k);
    return new ViewPairs(new int[0], new int[0], all);
  }

  /** Pairs views of {@code angles} whose difference is +90 degrees (within 1e-9 rad). */
  static ViewPairs of(AngleSet angles) {
    int n = angles.count();
    double[] a = angles.toArray();
    Integer[] order = new Integer[n];
    Arrays.setAll(order, k -> k);
    Arrays.sort(order, Comparator.comparingDouble(k -> a[k]));
    double[] sorted = new double[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = a[order[i]];
    }
    boolean[] used = new boolean[n];
    List<int[]> pairs = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (used[k]) {
        continue;
      }
      double target = a[k] + Math.PI / 2;
      int at = Arrays.binarySearch(sorted, target);
      int i = at >= 0 ? at : -at - 1;
      for (int c = Math.max(0, i - 1); c <= Math.min(n - 1, i + 1); c++) {
        int p = order[c];
        if (p != k && !used[p] && Math.abs(a[p] - target) <= TOLERANCE * Math.max(1, Math.abs(target))) {
          used[k] = true;
          used[p] = true;
          pairs.add(new int[] {k, p});
          break;
        }
      }
    }
    int[] leads = pairs.stream().mapToInt(p -> p[0]).toArray();
    int[] partners = pairs.stream().mapToInt(p -> p[1]).toArray();
    int[] singles = new int[n - 2 * pairs.size()];
    int s = 0;
    for (int k = 0; k < n; k++) {
      if (!used[k]) {
        singles[s++] = k;
      }
    }
    return new ViewPairs(leads, partners, singles);
  }
}
