package org.vipboutiques.recon.mri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vipboutiques.recon.geometry.ImageGrid;
import org.vipboutiques.recon.geometry.VolumeGrid;
import org.vipboutiques.recon.metrics.Comparison;
import org.vipboutiques.recon.metrics.Mask;
import org.vipboutiques.recon.phantom.AnalyticKSpace;
import org.vipboutiques.recon.phantom.Contrast;
import org.vipboutiques.recon.phantom.Phantom2D;
import org.vipboutiques.recon.phantom.Phantom3D;
import org.vipboutiques.recon.phantom.SheppLogan;
import org.vipboutiques.recon.phantom.SyntheticCoils;
import org.vipboutiques.recon.volume.ComplexVolume;
import org.vipboutiques.recon.volume.Spacing;
import org.vipboutiques.recon.volume.Volume;

/** MRI from analytic k-space against the analytic image; the FFT path against a direct DFT. */
class MriAccuracyTest {
  private final CpuCartesianMri mri = new CpuCartesianMri();

  @Test
  void eightCoils256FromAnalyticKSpaceMeetTheNmseBar() {
    ImageGrid grid = ImageGrid.square(256, 2.0);
    Phantom2D phantom = SheppLogan.phantom2D(Contrast.ORIGINAL);
    SyntheticCoils coils = SyntheticCoils.of(8);
    Volume rss = mri.rootSumOfSquares(AnalyticKSpace.of(phantom, grid, coils));
    Volume truth = AnalyticKSpace.rootSumOfSquaresTruth(phantom, grid, coils, 8);
    Comparison whole = Comparison.of(rss, truth, Mask.all(256, 256, 1));
    Comparison roi = Comparison.of(rss, truth, Mask.inside(SheppLogan.brainRegion(0.9), grid));
    // Whole image: the truncation ringing at the skull edge is all that remains (measured 8.2e-4).
    assertTrue(whole.nmse() <= 1e-3, "whole image " + whole);
    assertTrue(roi.nmse() <= 1e-4, "brain " + roi);
    assertEquals(1.0, rss.spacing().dx() / grid.pixelSize(), 1e-9, "image spacing from the k-space spacing");
  }

  @Test
  void singleCoil3DFromAnalyticKSpace() {
    VolumeGrid grid = VolumeGrid.cube(64, 2.0);
    Phantom3D phantom = SheppLogan.phantom3D(Contrast.ORIGINAL);
    Volume rss = mri.rootSumOfSquares(AnalyticKSpace.of(phantom, grid));
    Comparison roi = Comparison.of(rss, phantom.rasterize(grid, 4), Mask.inside(SheppLogan.brainRegion3D(0.9), grid, 0.5));
    // 3D truncation ringing is stronger (64^3 sees the 0.05-wide ellipsoids with ~2 voxels): measured 9.0e-4.
    assertTrue(roi.nmse() <= 1e-3, "brain |z| <= 0.5: " + roi);
  }

  @Test
  void centredInverseFftMatchesADirectDftForEvenAndOddSizes() {
    int[][] shapes = {{8, 6, 1}, {7, 5, 1}, {6, 5, 3}, {5, 4, 4}};
    Random r = new Random(3);
    for (int[] s : shapes) {
      int nx = s[0];
      int ny = s[1];
      int nz = s[2];
      ComplexVolume k = ComplexVolume.zeros(nx, ny, nz, 2, Spacing.isotropic(1));
      for (int i = 0; i < k.data().length; i++) {
        k.data()[i] = (float) r.nextGaussian();
      }
      ComplexVolume x = mri.centredInverseFft(k);
      int n = nx * ny * nz;
      for (int c = 0; c < 2; c++) {
        for (int z = 0; z < nz; z++) {
          for (int y = 0; y < ny; y++) {
            for (int xx = 0; xx < nx; xx++) {
              // x[m] = sum_k K[k] exp(2 pi i (k - n/2)(m - n/2) / n) / sqrt(N), k = 0 at index n/2.
              double re = 0;
              double im = 0;
              for (int kz = 0; kz < nz; kz++) {
                for (int ky = 0; ky < ny; ky++) {
                  for (int kx = 0; kx < nx; kx++) {
                    double ph = 2 * Math.PI * ((double) (kx - nx / 2) * (xx - nx / 2) / nx
                        + (double) (ky - ny / 2) * (y - ny / 2) / ny + (double) (kz - nz / 2) * (z - nz / 2) / nz);
                    int o = 2 * (c * n + (kz * ny + ky) * nx + kx);
                    re += k.data()[o] * Math.cos(ph) - k.data()[o + 1] * Math.sin(ph);
                    im += k.data()[o] * Math.sin(ph) + k.data()[o + 1] * Math.cos(ph);
                  }
                }
              }
              int o = 2 * (c * n + (z * ny + y) * nx + xx);
              assertEquals(re / Math.sqrt(n), x.data()[o], 1e-4, "re " + Arrays.toString(s));
              assertEquals(im / Math.sqrt(n), x.data()[o + 1], 1e-4, "im " + Arrays.toString(s));
            }
          }
        }
      }
    }
  }
}
