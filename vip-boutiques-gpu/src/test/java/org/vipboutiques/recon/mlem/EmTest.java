package org.vipboutiques.recon.mlem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vipboutiques.recon.fbp.CpuParallelBeam;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.metrics.Comparison;
import org.vipboutiques.recon.metrics.Mask;
import org.vipboutiques.recon.phantom.Contrast;
import org.vipboutiques.recon.phantom.PoissonNoise;
import org.vipboutiques.recon.phantom.SheppLogan;
import org.vipboutiques.recon.volume.Volume;

class EmTest {
  private static final ParallelBeamGeometry G = ParallelBeamGeometry.standard(64, 90, 64);
  private static final Volume ACTIVITY = SheppLogan.phantom2D(Contrast.ORIGINAL).scaled(32).rasterize(G.image(), 4);

  private final CpuEmissionTomography em = new CpuEmissionTomography();

  /** Counts drawn from the exact phantom's line integrals (not from our projector) plus a background. */
  private static Volume counts(double total, double background, long seed) {
    Volume mean = SheppLogan.phantom2D(Contrast.ORIGINAL).scaled(32).sinogram(G);
    double sum = 0;
    for (float v : mean.data()) {
      sum += v;
    }
    float scale = (float) (total / sum);
    for (int i = 0; i < mean.size(); i++) {
      mean.data()[i] = mean.data()[i] * scale + (float) background;
    }
    return PoissonNoise.sample(mean, seed);
  }

  @Test
  void mlemLogLikelihoodNeverDecreases() {
    EmResult r = em.reconstruct(counts(2e5, 0, 11), G, EmParameters.mlem(40));
    List<Double> ll = r.logLikelihood();
    assertEquals(41, ll.size());
    for (int i = 1; i < ll.size(); i++) {
      assertTrue(ll.get(i) >= ll.get(i - 1), "iteration " + i + ": " + ll.get(i - 1) + " -> " + ll.get(i));
    }
    assertTrue(ll.get(40) > ll.get(0));
  }

  @Test
  void mlemWithBackgroundAndAStackOfSlicesIsStillMonotone() {
    Volume one = counts(5e4, 2, 5);
    Volume two = counts(5e4, 2, 6);
    Volume stack = Volume.zeros(one.nx(), one.ny(), 2, one.spacing());
    System.arraycopy(one.data(), 0, stack.data(), 0, one.size());
    System.arraycopy(two.data(), 0, stack.data(), one.size(), two.size());
    EmResult r = em.reconstruct(stack, G, new EmParameters(25, 1, 2, true));
    assertEquals(2, r.image().nz());
    for (int i = 1; i < r.logLikelihood().size(); i++) {
      assertTrue(r.logLikelihood().get(i) >= r.logLikelihood().get(i - 1), "iteration " + i);
    }
    for (float v : r.image().data()) {
      assertTrue(v >= 0, "EM keeps the image non-negative");
    }
  }

  @Test
  void osemConvergesFasterThanMlemToTheSameImage() {
    Volume y = counts(1e6, 0, 3);
    EmResult mlem = em.reconstruct(y, G, EmParameters.mlem(60));
    EmResult osem = em.reconstruct(y, G, EmParameters.osem(6, 10));
    EmResult mlemShort = em.reconstruct(y, G, EmParameters.mlem(6));
    List<Double> l = osem.logLikelihood();
    double osemFinal = l.get(l.size() - 1);
    assertTrue(osemFinal > mlemShort.logLikelihood().get(6), "OSEM beats MLEM at equal passes");
    double gap = mlem.logLikelihood().get(60) - osemFinal;
    double progress = mlem.logLikelihood().get(60) - mlem.logLikelihood().get(0);
    assertTrue(Math.abs(gap) < 0.02 * progress, "OSEM(6x10) vs MLEM(60): gap " + gap + " of " + progress);
    assertTrue(Comparison.relativeL2(osem.image(), mlem.image()) < 0.1, "same image");
    // The image carries the counts' scale: counts per unit of activity along a line.
    Mask brain = Mask.inside(SheppLogan.brainRegion(0.9).scaled(32), G.image());
    assertEquals(1e6 / projectedTotal(), brain.mean(mlem.image()) / brain.mean(ACTIVITY), 0.05 * 1e6 / projectedTotal());
  }

  @Test
  void inputsAreValidated() {
    Volume bad = counts(1e3, 0, 1);
    bad.data()[3] = -1;
    assertThrows(IllegalArgumentException.class, () -> em.reconstruct(bad, G, EmParameters.mlem(1)));
    assertThrows(IllegalArgumentException.class, () -> new EmParameters(0, 1, 0, false));
    assertThrows(IllegalArgumentException.class, () -> em.reconstruct(counts(1e3, 0, 1), G, EmParameters.osem(1, 91)));
  }

  private static double projectedTotal() {
    double s = 0;
    for (float v : new CpuParallelBeam().project(ACTIVITY, G).data()) {
      s += v;
    }
    return s;
  }
}
