package org.vipboutiques.recon.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vipboutiques.recon.geometry.AngleSet;
import org.vipboutiques.recon.geometry.ConeBeamGeometry;
import org.vipboutiques.recon.geometry.DetectorRow;
import org.vipboutiques.recon.geometry.FlatDetector;
import org.vipboutiques.recon.geometry.ImageGrid;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.geometry.VolumeGrid;
import org.vipboutiques.recon.volume.Spacing;
import org.vipboutiques.recon.volume.Volume;

/** The exact data are checked by independent numerical integration, never by the kernels. */
class PhantomTest {

  @Test
  void besselJ1MatchesItsPowerSeries() {
    for (double x = -12; x <= 12; x += 0.37) {
      double sum = 0;
      double term = x / 2;
      for (int k = 0; k < 60; k++) {
        sum += term;
        term *= -(x * x / 4) / ((k + 1.0) * (k + 2.0));
      }
      assertEquals(sum, BesselJ1.value(x), 1e-7, "x = " + x);
    }
  }

  @Test
  void ellipseLineIntegralsMatchNumericalIntegration() {
    Ellipse e = new Ellipse(1.5, 0.4, 0.25, 0.1, -0.2, 30);
    for (double t = 0; t < Math.PI; t += 0.4) {
      for (double s = -0.6; s <= 0.6; s += 0.07) {
        double num = 0;
        int n = 40000;
        double step = 2.0 / n;
        for (int i = 0; i < n; i++) {
          double l = -1 + (i + 0.5) * step;
          double x = s * Math.cos(t) - l * Math.sin(t);
          double y = s * Math.sin(t) + l * Math.cos(t);
          num += e.contains(x, y) ? e.rho() * step : 0;
        }
        assertEquals(num, e.lineIntegral(s, t), 2e-3, "t " + t + " s " + s);
      }
    }
  }

  @Test
  void ellipsoidChordsMatchSampling() {
    Ellipsoid e = new Ellipsoid(2, 0.3, 0.5, 0.2, 0.05, -0.1, 0.1, 25);
    double[][] rays = {{-1, 0.02, 0.1, 1, 0.1, 0.05}, {0.1, -1, 0, 0.05, 1, 0.2}, {0, 0, -1, 0.1, -0.2, 1}};
    for (double[] r : rays) {
      double len = Math.sqrt(r[3] * r[3] + r[4] * r[4] + r[5] * r[5]);
      double num = 0;
      int n = 200000;
      double step = 3.0 / n;
      for (int i = 0; i < n; i++) {
        double t = (i + 0.5) * step;
        if (e.contains(r[0] + t * r[3] / len, r[1] + t * r[4] / len, r[2] + t * r[5] / len)) {
          num += e.rho() * step;
        }
      }
      assertEquals(num, e.lineIntegral(r[0], r[1], r[2], r[3], r[4], r[5]), 1e-3);
    }
  }

  @Test
  void fourierTransformsMatchDirectIntegrationOfThePhantom() {
    Phantom2D p = SheppLogan.phantom2D(Contrast.MODIFIED);
    int n = 1024;
    ImageGrid grid = ImageGrid.square(n, 2.2);
    Volume img = p.rasterize(grid, 1);
    double h = grid.pixelSize();
    double[][] ks = {{0, 0}, {0.7, 0}, {0, 1.3}, {2.1, -1.4}};
    for (double[] k : ks) {
      double re = 0;
      double im = 0;
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          double v = img.get(i, j, 0);
          if (v != 0) {
            double ph = -2 * Math.PI * (k[0] * grid.x(i) + k[1] * grid.y(j));
            re += v * Math.cos(ph) * h * h;
            im += v * Math.sin(ph) * h * h;
          }
        }
      }
      double[] exact = p.fourier(k[0], k[1]);
      assertEquals(re, exact[0], 3e-3, "re at " + k[0] + "," + k[1]);
      assertEquals(im, exact[1], 3e-3, "im at " + k[0] + "," + k[1]);
    }
    // 3D: the transform at k = 0 is the total mass, sum of rho * 4/3 pi abc.
    Phantom3D p3 = SheppLogan.phantom3D(Contrast.ORIGINAL);
    double mass = 0;
    for (Ellipsoid e : p3.ellipsoids()) {
      mass += e.rho() * 4 / 3.0 * Math.PI * e.a() * e.b() * e.c();
    }
    assertEquals(mass, p3.fourier(0, 0, 0)[0], 1e-12);
    assertEquals(0, p3.fourier(0, 0, 0)[1], 1e-12);
  }

  @Test
  void sinogramOfThePhantomIntegratesToItsMass() {
    Phantom2D p = SheppLogan.phantom2D(Contrast.ORIGINAL);
    ParallelBeamGeometry g = new ParallelBeamGeometry(ImageGrid.square(64, 2), DetectorRow.centred(400, 0.006),
        AngleSet.halfTurn(7));
    Volume s = p.sinogram(g);
    double mass = 0;
    for (Ellipse e : p.ellipses()) {
      mass += e.rho() * Math.PI * e.a() * e.b();
    }
    for (int k = 0; k < 7; k++) {
      double sum = 0;
      for (int b = 0; b < 400; b++) {
        sum += s.get(b, k, 0) * 0.006;
      }
      assertEquals(mass, sum, 2e-3 * mass, "view " + k);
    }
  }

  @Test
  void coneBeamCentralRowOfASphereIsItsChord() {
    Phantom3D sphere = new Phantom3D(List.of(new Ellipsoid(1, 0.5, 0.5, 0.5, 0, 0, 0, 0)));
    ConeBeamGeometry g = new ConeBeamGeometry(VolumeGrid.cube(8, 2), new FlatDetector(5, 3, 0.2, 0.2),
        AngleSet.of(0.3), 3, 6);
    Volume p = sphere.coneBeamProjections(g);
    // Column 2 and row 1 are the detector centre: the central ray crosses the sphere's diameter.
    assertEquals(1.0, p.get(2, 1, 0), 1e-6);
    // Off-centre pixel: distance from the sphere centre to the ray gives the chord.
    double u = 0.2;
    double v = 0.2;
    double d = Math.sqrt(u * u + v * v) * 3 / Math.sqrt(36 + u * u + v * v);
    assertEquals(2 * Math.sqrt(0.25 - d * d), p.get(3, 2, 0), 1e-6);
  }

  @Test
  void poissonDrawsHaveTheRightMeanAndVariance() {
    for (double mean : new double[] {0.5, 7, 80, 5000}) {
      Volume m = Volume.zeros(20000, 1, 1, Spacing.isotropic(1));
      Arrays.fill(m.data(), (float) mean);
      Volume draws = PoissonNoise.sample(m, 42);
      double s = 0;
      double s2 = 0;
      for (float v : draws.data()) {
        assertEquals(Math.rint(v), v, "counts are integers");
        s += v;
        s2 += (double) v * v;
      }
      double mu = s / 20000;
      double var = s2 / 20000 - mu * mu;
      assertEquals(mean, mu, 5 * Math.sqrt(mean / 20000), "mean");
      assertEquals(mean, var, 0.06 * mean, "variance");
    }
    Volume bad = Volume.zeros(2, 1, 1, Spacing.isotropic(1));
    bad.data()[1] = -1;
    assertThrows(IllegalArgumentException.class, () -> PoissonNoise.sample(bad, 1));
  }

  @Test
  void rasterisedPhantomHasTheKnownLevels() {
    Volume v = SheppLogan.phantom2D(Contrast.ORIGINAL).rasterize(ImageGrid.square(128, 2), 4);
    assertEquals(1.02, v.get(64, 40, 0), 1e-6, "brain");
    assertEquals(0, v.get(0, 0, 0), "outside");
    assertEquals(2.0, v.get(64, 120, 0), 1e-6, "skull at the top");
    Volume modified = SheppLogan.phantom2D(Contrast.MODIFIED).rasterize(ImageGrid.square(128, 2), 4);
    assertEquals(0.2, modified.get(64, 40, 0), 1e-6);
  }
}
