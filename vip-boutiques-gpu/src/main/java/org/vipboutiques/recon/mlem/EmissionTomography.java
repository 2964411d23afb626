package org.vipboutiques.recon.mlem;

import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.volume.Volume;

/**
 * Statistical reconstruction of emission data (PET/SPECT counts) with the parallel-beam projector A and
 * its adjoint, implemented by each back end: x &larr; x / (A^T 1) * A^T(y / (A x + b)), per subset of views
 * for OSEM. Counts are bins x views x slices.
 */
public interface EmissionTomography {

  EmResult reconstruct(Volume counts, ParallelBeamGeometry geometry, EmParameters parameters);

  /** Checks that the counts fit the geometry and are finite and non-negative (shared by the back ends). */
  static void requireCounts(Volume counts, ParallelBeamGeometry geometry) {
    geometry.requireSinograms(counts);
    for (float c : counts.data()) {
      if (!(c >= 0) || Float.isInfinite(c)) {
        throw new IllegalArgumentException("emission counts must be non-negative and finite, found " + c);
      }
    }
  }

  /**
   * The uniform starting image of every back end: the level whose projections hold as many counts as
   * the data (total counts / total sensitivity), or 1 when either is zero.
   */
  static float initialLevel(double totalCounts, double totalSensitivity) {
    return (float) (totalSensitivity > 0 && totalCounts > 0 ? totalCounts / totalSensitivity : 1);
  }
}
