package org.vipboutiques.recon.fbp;

import java.util.stream.IntStream;
import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.filter.RowFilter;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.volume.Volume;

/** The CPU implementation of {@link ParallelBeam}: JTransforms for the ramp filter, all cores for the rest. */
public final class CpuParallelBeam implements ParallelBeam {

  @Override
  public Volume filteredBackProjection(Volume sinograms, ParallelBeamGeometry geometry, RampFilter filter) {
    geometry.requireSinograms(sinograms);
    SliceLayout layout = new SliceLayout(geometry);
    RowFilter prototype = new RowFilter(filter, layout.bins, geometry.detector().spacing());
    ThreadLocal<RowFilter> filters = ThreadLocal.withInitial(prototype::forAnotherThread);
    Volume out = emptyImages(geometry, sinograms);
    float[] table = new float[InterpolationTable.size(layout)];
    ViewPairs plan = layout.nx == layout.ny ? ViewPairs.of(geometry.angles()) : ViewPairs.none(layout.views);
    float[] in = sinograms.data();
    for (int z = 0; z < sinograms.nz(); z++) {
      int sliceOffset = z * layout.bins * layout.views;
      IntStream.range(0, layout.views).parallel().forEach(k -> {
        float[] filtered = new float[layout.bins];
        filters.get().filter(in, sliceOffset + k * layout.bins, 1, filtered, 0, 1);
        InterpolationTable.fill(table, layout, k, filtered, 0, 1f);
      });
      BackProjector.run(table, layout, plan, (float) geometry.fbpWeight(), out.data(), z * out.planeSize());
    }
    return out;
  }

  @Override
  public Volume project(Volume images, ParallelBeamGeometry geometry) {
    geometry.requireImages(images);
    SliceLayout layout = new SliceLayout(geometry);
    Volume out = Volume.zeros(layout.bins, layout.views, images.nz(), geometry.sinogramSpacing(images.spacing().dz()));
    for (int z = 0; z < images.nz(); z++) {
      Projector.run(images.data(), z * images.planeSize(), layout, (float) geometry.projectorWeight(),
          out.data(), z * out.planeSize());
    }
    return out;
  }

  @Override
  public Volume backProject(Volume sinograms, ParallelBeamGeometry geometry) {
    geometry.requireSinograms(sinograms);
    SliceLayout layout = new SliceLayout(geometry);
    Volume out = emptyImages(geometry, sinograms);
    float[] table = new float[InterpolationTable.size(layout)];
    for (int z = 0; z < sinograms.nz(); z++) {
      int sliceOffset = z * layout.bins * layout.views;
      IntStream.range(0, layout.views).parallel().forEach(k ->
          InterpolationTable.fill(table, layout, k, sinograms.data(), sliceOffset + k * layout.bins, 1f));
      // No view pairing here: this must stay the exact transpose of the projector (MLEM relies on it).
      BackProjector.run(table, layout, ViewPairs.none(layout.views), (float) geometry.projectorWeight(), out.data(),
          z * out.planeSize());
    }
    return out;
  }

  private static Volume emptyImages(ParallelBeamGeometry geometry, Volume sinograms) {
    return Volume.zeros(geometry.image().nx(), geometry.image().ny(), sinograms.nz(),
        geometry.imageSpacing(sinograms.spacing().dz()));
  }
}
