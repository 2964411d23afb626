package org.vipboutiques.recon.fbp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vipboutiques.recon.geometry.AngleSet;
import org.vipboutiques.recon.geometry.DetectorRow;
import org.vipboutiques.recon.geometry.ImageGrid;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.metrics.Comparison;
import org.vipboutiques.recon.phantom.Contrast;
import org.vipboutiques.recon.phantom.Phantom2D;
import org.vipboutiques.recon.phantom.SheppLogan;
import org.vipboutiques.recon.volume.Volume;

/** The discrete projector of a finely sampled phantom against the phantom's exact line integrals. */
class ProjectorAccuracyTest {

  @Test
  void projectionOfTheRasterisedPhantomApproachesTheExactSinogram() {
    Phantom2D phantom = SheppLogan.phantom2D(Contrast.ORIGINAL);
    ImageGrid fine = ImageGrid.square(512, 2.0);
    // Bins four pixels wide: the pixel-driven projector is accurate when bins are wider than pixels.
    ParallelBeamGeometry g = new ParallelBeamGeometry(fine, DetectorRow.centred(128, 4 * fine.pixelSize()),
        AngleSet.halfTurn(45));
    Volume projected = new CpuParallelBeam().project(phantom.rasterize(fine, 2), g);
    Volume exact = phantom.sinogram(g);
    double rel = Comparison.relativeL2(projected, exact);
    assertTrue(rel < 0.01, "relative L2 " + rel);
  }
}
