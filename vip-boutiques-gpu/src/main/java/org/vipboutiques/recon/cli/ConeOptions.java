package org.vipboutiques.recon.cli;

import org.vipboutiques.recon.geometry.AngleSet;
import org.vipboutiques.recon.geometry.ConeBeamGeometry;
import picocli.CommandLine.Option;

/** Cone-beam source and detector options; 0 selects the defaults of {@link SyntheticData#cone}. */
final class ConeOptions {
  @Option(names = "--sid", defaultValue = "0", paramLabel = "MM", description = "Source to rotation axis distance (default 2 x FOV).")
  double sid;

  @Option(names = "--sdd", defaultValue = "0", paramLabel = "MM", description = "Source to detector distance (default 2 x SID).")
  double sdd;

  @Option(names = "--det-columns", defaultValue = "0", paramLabel = "N", description = "Detector columns (default 1.25 x size).")
  int columns;

  @Option(names = "--det-rows", defaultValue = "0", paramLabel = "N", description = "Detector rows (default 1.25 x size).")
  int rows;

  @Option(names = "--det-pixel", defaultValue = "0", paramLabel = "MM",
      description = "Detector pixel size (default voxel size x SDD / SID).")
  double pixel;

  ConeBeamGeometry geometry(int size, double fov, AngleSet angles) {
    return SyntheticData.cone(size, fov, angles, sid, sdd, columns, rows, pixel);
  }
}
