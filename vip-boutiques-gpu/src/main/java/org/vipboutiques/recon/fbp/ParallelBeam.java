package org.vipboutiques.recon.fbp;

import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.volume.Volume;

/**
 * Parallel-beam operators on stacks of slices, implemented by each back end. Sinograms are
 * bins x views x slices, images nx x ny x slices. The projector spreads each pixel over the two
 * nearest detector bins with linear weights; {@link #backProject} is its exact adjoint, the
 * pixel-driven back-projection with linear interpolation (bins beyond the detector read as zero).
 */
public interface ParallelBeam {

  /** Filtered back-projection: ramp-filter each view, back-project, weight by pi / views. */
  Volume filteredBackProjection(Volume sinograms, ParallelBeamGeometry geometry, RampFilter filter);

  /** Forward projection A x (line integrals of the pixel image). */
  Volume project(Volume images, ParallelBeamGeometry geometry);

  /** Adjoint A^T y of {@link #project}. */
  Volume backProject(Volume sinograms, ParallelBeamGeometry geometry);
}
