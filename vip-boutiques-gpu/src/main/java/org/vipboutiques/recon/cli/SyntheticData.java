package org.vipboutiques.recon.cli;

import org.vipboutiques.recon.geometry.AngleSet;
import org.vipboutiques.recon.geometry.ConeBeamGeometry;
import org.vipboutiques.recon.geometry.DetectorRow;
import org.vipboutiques.recon.geometry.FlatDetector;
import org.vipboutiques.recon.geometry.ImageGrid;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.geometry.VolumeGrid;
import org.vipboutiques.recon.phantom.AnalyticKSpace;
import org.vipboutiques.recon.phantom.Phantom2D;
import org.vipboutiques.recon.phantom.Phantom3D;
import org.vipboutiques.recon.phantom.SheppLogan;
import org.vipboutiques.recon.phantom.SyntheticCoils;
import org.vipboutiques.recon.volume.ComplexVolume;
import org.vipboutiques.recon.volume.Volume;

/**
 * Exact inputs and references made from the Shepp-Logan phantoms (scaled so that the unit disc spans the
 * field of view), for --phantom runs and descriptor tests.
 */
final class SyntheticData {
  /** Sub-samples per pixel axis of the reference images (8 x 8 per pixel in 2D, 4^3 per voxel in 3D). */
  static final int SUB_2D = 8;
  static final int SUB_3D = 4;

  private SyntheticData() {
  }

  static Phantom2D phantom2D(PhantomChoice choice, double fov) {
    return SheppLogan.phantom2D(choice.contrast()).scaled(fov / 2);
  }

  static Phantom3D phantom3D(PhantomChoice choice, double fov) {
    return SheppLogan.phantom3D(choice.contrast()).scaled(fov / 2);
  }

  /** Parallel beam over an n x n grid: {@code bins} bins of {@code binSpacing} (0 = pixel size). */
  static ParallelBeamGeometry parallel(int n, double fov, AngleSet angles, int bins, double binSpacing, double offset) {
    ImageGrid grid = ImageGrid.square(n, fov);
    double ds = binSpacing > 0 ? binSpacing : grid.pixelSize();
    return new ParallelBeamGeometry(grid, new DetectorRow(bins > 0 ? bins : n, ds, offset), angles);
  }

  /**
   * Cone beam over an n^3 grid. Defaults (0 arguments): source at 2 fov from the axis, detector at
   * 4 fov (magnification 2), pixels of twice the voxel size, 1.25 n columns and rows, enough for the
   * phantom's projection.
   */
  static ConeBeamGeometry cone(int n, double fov, AngleSet angles, double sid, double sdd, int columns, int rows,
      double pixel) {
    VolumeGrid grid = VolumeGrid.cube(n, fov);
    double r = sid > 0 ? sid : 2 * fov;
    double d = sdd > 0 ? sdd : 2 * r;
    double du = pixel > 0 ? pixel : grid.voxelSize() * d / r;
    int side = (int) Math.ceil(1.25 * n);
    return new ConeBeamGeometry(grid, new FlatDetector(columns > 0 ? columns : side, rows > 0 ? rows : side, du, du),
        angles, r, d);
  }

  static Volume truth2D(PhantomChoice choice, ImageGrid grid) {
    return phantom2D(choice, grid.nx() * grid.pixelSize()).rasterize(grid, SUB_2D);
  }

  static Volume truth3D(PhantomChoice choice, VolumeGrid grid) {
    return phantom3D(choice, grid.nx() * grid.voxelSize()).rasterize(grid, SUB_3D);
  }

  static Volume sinogram(PhantomChoice choice, ParallelBeamGeometry g) {
    return phantom2D(choice, g.image().nx() * g.image().pixelSize()).sinogram(g);
  }

  static Volume projections(PhantomChoice choice, ConeBeamGeometry g) {
    return phantom3D(choice, g.volume().nx() * g.volume().voxelSize()).coneBeamProjections(g);
  }

  static ComplexVolume kspace2D(PhantomChoice choice, ImageGrid grid, int coils) {
    return AnalyticKSpace.of(phantom2D(choice, grid.nx() * grid.pixelSize()), grid, SyntheticCoils.of(coils));
  }

  static Volume rss2D(PhantomChoice choice, ImageGrid grid, int coils) {
    return AnalyticKSpace.rootSumOfSquaresTruth(phantom2D(choice, grid.nx() * grid.pixelSize()), grid,
        SyntheticCoils.of(coils), SUB_2D);
  }

  static ComplexVolume kspace3D(PhantomChoice choice, VolumeGrid grid) {
    return AnalyticKSpace.of(phantom3D(choice, grid.nx() * grid.voxelSize()), grid);
  }
}
