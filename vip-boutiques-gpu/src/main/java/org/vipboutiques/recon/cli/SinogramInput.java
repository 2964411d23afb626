package org.vipboutiques.recon.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.vipboutiques.recon.geometry.AngleSet;
import org.vipboutiques.recon.geometry.DetectorRow;
import org.vipboutiques.recon.geometry.GeometryJson;
import org.vipboutiques.recon.geometry.ImageGrid;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.nifti.NiftiImage;
import org.vipboutiques.recon.nifti.NiftiReader;
import org.vipboutiques.recon.volume.Volume;

/**
 * A sinogram file with its geometry: the geometry stored in the file when there is one, else bins of
 * pixdim[1] mm over half a turn reconstructed on an image as wide as the detector; command-line
 * options override either.
 */
record SinogramInput(Volume data, ParallelBeamGeometry geometry) {

  static SinogramInput read(Path path, AngleOptions angles, int size, double pixel, Optional<Double> offset,
      boolean flip) {
    NiftiImage img = NiftiReader.read(path);
    Volume raw = img.toVolume();
    double binWidth = img.header().pixdim(0);
    ParallelBeamGeometry stored = img.header().comment().flatMap(GeometryJson::parallel).orElseGet(() ->
        new ParallelBeamGeometry(new ImageGrid(raw.nx(), raw.nx(), binWidth), DetectorRow.centred(raw.nx(), binWidth),
            AngleSet.halfTurn(raw.ny())));
    Volume data = flip ? flipBins(raw) : raw;
    AngleSet a = angles.given() ? angles.angles(data.ny(), 180) : stored.angles();
    if (a.count() != data.ny()) {
      throw new IllegalArgumentException("the sinogram has " + data.ny() + " views but " + a.count() + " angles were given");
    }
    DetectorRow det = stored.detector();
    if (det.count() != data.nx()) {
      det = new DetectorRow(data.nx(), det.spacing(), det.offset());
    }
    det = new DetectorRow(det.count(), det.spacing(), offset.orElse(det.offset()));
    ImageGrid grid = stored.image();
    int n = size > 0 ? size : grid.nx();
    double h = pixel > 0 ? pixel : size > 0 ? grid.nx() * grid.pixelSize() / size : grid.pixelSize();
    if (size > 0 || pixel > 0) {
      grid = new ImageGrid(n, n, h);
    }
    return new SinogramInput(data, new ParallelBeamGeometry(grid, det, a));
  }

  /** Reverses the bin order of every view: a detector whose axis runs the other way. */
  private static Volume flipBins(Volume v) {
    float[] in = v.data();
    float[] out = new float[in.length];
    int nx = v.nx();
    for (int row = 0; row < v.ny() * v.nz(); row++) {
      for (int b = 0; b < nx; b++) {
        out[row * nx + b] = in[row * nx + nx - 1 - b];
      }
    }
    return Volume.wrap(v.nx(), v.ny(), v.nz(), v.spacing(), out);
  }
}
