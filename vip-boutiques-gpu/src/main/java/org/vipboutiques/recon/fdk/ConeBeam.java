package org.vipboutiques.recon.fdk;

import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.geometry.ConeBeamGeometry;
import org.vipboutiques.recon.volume.Volume;

/**
 * Cone-beam reconstruction for a circular orbit and a flat detector, implemented by each back end.
 * Projections are columns x rows x views; the result is the geometry's volume grid.
 */
public interface ConeBeam {

  /**
   * Feldkamp-Davis-Kress: weight each projection by D / sqrt(D^2 + u^2 + v^2), ramp-filter its rows
   * (in isocentre units, spacing du R / D), back-project with the distance weight (R / U)^2 and weight
   * the sum by pi / views. Exact in the mid-plane, and for fan beam (one row, one slice).
   */
  Volume fdk(Volume projections, ConeBeamGeometry geometry, RampFilter filter);
}
