package org.vipboutiques.recon.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GeometryTest {

  @Test
  void pixelAndBinCentresSitAtIndexMinusHalfTheCount() {
    ImageGrid g = ImageGrid.square(4, 8);
    assertEquals(-3, g.x(0));
    assertEquals(3, g.x(3));
    assertEquals(-1, g.y(1));
    DetectorRow d = new DetectorRow(5, 0.5, 0.25);
    assertEquals(-0.75, d.position(0));
    assertEquals(0.25, d.position(2));
    assertEquals(2.0, d.binOf(0.25));
    VolumeGrid v = VolumeGrid.cube(3, 3);
    assertEquals(0, v.z(1));
    FlatDetector f = new FlatDetector(3, 2, 1, 2);
    assertEquals(-1, f.u(0));
    assertEquals(1, f.v(1));
  }

  @Test
  void constructorsRejectNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new ImageGrid(0, 4, 1));
    assertThrows(IllegalArgumentException.class, () -> new ImageGrid(4, 4, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new DetectorRow(4, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> AngleSet.of());
    assertThrows(IllegalArgumentException.class, () -> AngleSet.uniform(3, 0, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConeBeamGeometry(
        VolumeGrid.cube(10, 10), new FlatDetector(4, 4, 1, 1), AngleSet.fullTurn(4), 5, 10));
    assertTrue(e.getMessage().contains("inside the source orbit"), e.getMessage());
  }

  @Test
  void anglesAreImmutableAndSubsetsInterleave() {
    double[] raw = {0, 1, 2, 3, 4, 5, 6};
    AngleSet a = AngleSet.of(raw);
    raw[0] = 99;
    assertEquals(0, a.get(0));
    a.toArray()[1] = 99;
    assertEquals(1, a.get(1));
    assertEquals(AngleSet.of(1, 4), a.every(3, 1));
    assertEquals(AngleSet.of(2, 5), a.every(3, 2));
    assertEquals(3, a.every(3, 0).count());
  }

  @Property(tries = 30)
  void geometryJsonRoundTripsExactly(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 1, max = 50) int views,
      @ForAll @DoubleRange(min = 0.01, max = 5) double h, @ForAll @DoubleRange(min = -3, max = 3) double offset,
      @ForAll @DoubleRange(min = -7, max = 7) double start) {
    ParallelBeamGeometry p = new ParallelBeamGeometry(new ImageGrid(n, n + 1, h), new DetectorRow(n + 3, h * 1.5, offset),
        AngleSet.uniform(views, start, Math.PI));
    assertEquals(p, GeometryJson.parallel(GeometryJson.toJson(p)).orElseThrow());
    assertTrue(GeometryJson.cone(GeometryJson.toJson(p)).isEmpty());
    ConeBeamGeometry c = new ConeBeamGeometry(new VolumeGrid(n, n, 2, h), new FlatDetector(n, 3, h * 2, h),
        AngleSet.uniform(views, start, 2 * Math.PI), n * h * 3 + 1, n * h * 6 + 2);
    assertEquals(c, GeometryJson.cone(GeometryJson.toJson(c)).orElseThrow());
    assertTrue(GeometryJson.parallel("not json").isEmpty());
  }
}
