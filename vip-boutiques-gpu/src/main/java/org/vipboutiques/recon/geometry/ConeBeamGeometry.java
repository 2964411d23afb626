package org.vipboutiques.recon.geometry;

import org.vipboutiques.recon.volume.Volume;

/**
 * Circular-orbit cone beam with a flat detector. At angle b the source sits at
 * R * (sin b, -cos b, 0) and the rays run towards +(-sin b, cos b, 0), the direction of the parallel-beam
 * rays at the same angle; the detector plane is at distance {@code sourceToDetector} from the source,
 * its u axis along (cos b, sin b, 0) and its v axis along +z. A point p projects at
 * u = D * (x cos b + y sin b) / U, v = D * z / U with U = R + (-x sin b + y cos b), D = source-to-detector
 * distance, R = source-to-isocentre distance. Fan beam is the case of one detector row and one slice.
 */
public record ConeBeamGeometry(
    VolumeGrid volume, FlatDetector detector, AngleSet angles, double sourceToIsocentre, double sourceToDetector) {
  public ConeBeamGeometry {
    if (volume == null || detector == null || angles == null) {
      throw new IllegalArgumentException("volume grid, detector and angles are required");
    }
    if (!(sourceToIsocentre > 0) || !(sourceToDetector > 0)
        || Double.isInfinite(sourceToIsocentre) || Double.isInfinite(sourceToDetector)) {
      throw new IllegalArgumentException("source distances must be finite and positive");
    }
    double reach = Math.hypot((volume.nx() - 1) / 2.0, (volume.ny() - 1) / 2.0) * volume.voxelSize();
    if (reach >= sourceToIsocentre) {
      throw new IllegalArgumentException("the volume (half-diagonal " + reach
          + ") must lie inside the source orbit (radius " + sourceToIsocentre + ")");
    }
  }

  public int views() {
    return angles.count();
  }

  /** Checks that {@code projections} is columns x rows x views for this geometry. */
  public void requireProjections(Volume projections) {
    if (projections.nx() != detector.columns() || projections.ny() != detector.rows() || projections.nz() != views()) {
      throw new IllegalArgumentException("projections are " + projections.nx() + "x" + projections.ny() + "x"
          + projections.nz() + " but the geometry has " + detector.columns() + " columns x " + detector.rows()
          + " rows x " + views() + " views");
    }
  }

  /** Weight pi / views of the FDK back-projection sum (views uniform over a full turn). */
  public double fdkWeight() {
    return Math.PI / views();
  }

  /** Detector magnification at the isocentre, D / R. */
  public double magnification() {
    return sourceToDetector / sourceToIsocentre;
  }
}
