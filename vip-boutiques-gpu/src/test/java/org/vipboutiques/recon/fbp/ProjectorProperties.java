package org.vipboutiques.recon.fbp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.geometry.AngleSet;
import org.vipboutiques.recon.geometry.DetectorRow;
import org.vipboutiques.recon.geometry.ImageGrid;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.metrics.Comparison;
import org.vipboutiques.recon.volume.Spacing;
import org.vipboutiques.recon.volume.TestVolumes;
import org.vipboutiques.recon.volume.Volume;

/** Algebraic properties of the parallel-beam operators on random geometries and data. */
class ProjectorProperties {
  private final CpuParallelBeam ops = new CpuParallelBeam();

  private static double dot(Volume a, Volume b) {
    double s = 0;
    for (int i = 0; i < a.size(); i++) {
      s += (double) a.data()[i] * b.data()[i];
    }
    return s;
  }

  private static double norm(Volume a) {
    return Math.sqrt(dot(a, a));
  }

  @Property(tries = 40)
  void backProjectionIsTheAdjointOfProjection(@ForAll @IntRange(min = 4, max = 40) int nx,
      @ForAll @IntRange(min = 4, max = 40) int ny, @ForAll @IntRange(min = 1, max = 25) int views,
      @ForAll @IntRange(min = 4, max = 70) int bins, @ForAll @DoubleRange(min = 0.3, max = 2.5) double binWidth,
      @ForAll @DoubleRange(min = -5, max = 5) double offset, @ForAll @IntRange(min = 1, max = 2) int slices,
      @ForAll long seed) {
    Random r = new Random(seed);
    double[] angles = new double[views];
    for (int k = 0; k < views; k++) {
      angles[k] = (r.nextDouble() * 2 - 1) * 2 * Math.PI;
    }
    ParallelBeamGeometry g = new ParallelBeamGeometry(new ImageGrid(nx, ny, 1), new DetectorRow(bins, binWidth, offset),
        AngleSet.of(angles));
    Volume x = TestVolumes.gaussian(nx, ny, slices, seed);
    Volume y = TestVolumes.gaussian(bins, views, slices, seed + 1);
    Volume ax = ops.project(x, g);
    Volume aty = ops.backProject(y, g);
    double lhs = dot(ax, y);
    double rhs = dot(x, aty);
    assertEquals(lhs, rhs, 1e-5 * norm(ax) * norm(y) + 1e-9, "<Ax, y> vs <x, A^T y>");
  }

  @Property(tries = 15)
  void pairingViewsNinetyDegreesApartChangesNothing(@ForAll @IntRange(min = 8, max = 48) int n,
      @ForAll @IntRange(min = 1, max = 40) int half, @ForAll boolean fullTurn, @ForAll long seed) {
    int views = 2 * half * (fullTurn ? 2 : 1);
    AngleSet angles = fullTurn ? AngleSet.fullTurn(views) : AngleSet.halfTurn(views);
    ParallelBeamGeometry g = new ParallelBeamGeometry(new ImageGrid(n, n, 1), DetectorRow.centred(n + 5, 1), angles);
    ViewPairs pairs = ViewPairs.of(angles);
    assertEquals(0, pairs.singles.length, "uniform sets pair every view");
    Volume sino = TestVolumes.gaussian(n + 5, views, 1, seed);
    SliceLayout layout = new SliceLayout(g);
    float[] table = new float[InterpolationTable.size(layout)];
    for (int k = 0; k < views; k++) {
      InterpolationTable.fill(table, layout, k, sino.data(), k * layout.bins, 1f);
    }
    Volume paired = Volume.zeros(n, n, 1, Spacing.isotropic(1));
    Volume alone = Volume.zeros(n, n, 1, Spacing.isotropic(1));
    BackProjector.run(table, layout, pairs, 1f, paired.data(), 0);
    BackProjector.run(table, layout, ViewPairs.none(views), 1f, alone.data(), 0);
    // The partner reads at the lead's detector coordinate, equal in exact arithmetic; float rounding of
    // that coordinate (about 1e-7 of the padded bin index) is all that may differ.
    assertTrue(Comparison.relativeL2(paired, alone) < 2e-5, "relative L2 " + Comparison.relativeL2(paired, alone));
  }

  @Property(tries = 10)
  void fbpIsLinear(@ForAll @IntRange(min = 8, max = 32) int n, @ForAll @DoubleRange(min = -3, max = 3) double a,
      @ForAll long seed) {
    ParallelBeamGeometry g = ParallelBeamGeometry.standard(n, 2 * n, n);
    Volume p = TestVolumes.gaussian(n, 2 * n, 1, seed);
    Volume q = TestVolumes.gaussian(n, 2 * n, 1, seed + 7);
    Volume combo = Volume.zeros(n, 2 * n, 1, Spacing.isotropic(1));
    for (int i = 0; i < combo.size(); i++) {
      combo.data()[i] = (float) (a * p.data()[i] + q.data()[i]);
    }
    Volume lhs = ops.filteredBackProjection(combo, g, RampFilter.ramLak());
    Volume fp = ops.filteredBackProjection(p, g, RampFilter.ramLak());
    Volume fq = ops.filteredBackProjection(q, g, RampFilter.ramLak());
    Volume rhs = Volume.zeros(n, n, 1, Spacing.isotropic(1));
    for (int i = 0; i < rhs.size(); i++) {
      rhs.data()[i] = (float) (a * fp.data()[i] + fq.data()[i]);
    }
    assertTrue(Comparison.relativeL2(lhs, rhs) < 1e-5 * (1 + Math.abs(a)));
  }
}
