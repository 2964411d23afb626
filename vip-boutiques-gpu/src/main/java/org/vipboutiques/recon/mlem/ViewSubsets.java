package org.vipboutiques.recon.mlem;

import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.volume.Volume;

/**
 * OSEM subsets: subset m holds views m, m + S, m + 2S, ... (interleaved so that each subset spans the
 * whole angular range). Shared by the back ends so that they split the data identically.
 */
public final class ViewSubsets {
  private final ParallelBeamGeometry geometry;
  private final int count;

  public ViewSubsets(ParallelBeamGeometry geometry, int count) {
    if (count < 1 || count > geometry.views()) {
      throw new IllegalArgumentException("subset count must be in 1.." + geometry.views() + ", got " + count);
    }
    this.geometry = geometry;
    this.count = count;
  }

  public int count() {
    return count;
  }

  public ParallelBeamGeometry geometry(int subset) {
    return count == 1 ? geometry : geometry.withAngles(geometry.angles().every(count, subset));
  }

  /** The views of {@code subset} taken from full sinograms (bins x views x slices). */
  public Volume extract(Volume sinograms, int subset) {
    if (count == 1) {
      return sinograms;
    }
    int bins = sinograms.nx();
    int views = sinograms.ny();
    int n = (views - subset + count - 1) / count;
    Volume out = Volume.zeros(bins, n, sinograms.nz(), sinograms.spacing());
    for (int z = 0; z < sinograms.nz(); z++) {
      for (int v = 0; v < n; v++) {
        System.arraycopy(sinograms.data(), (z * views + subset + v * count) * bins,
            out.data(), (z * n + v) * bins, bins);
      }
    }
    return out;
  }
}
