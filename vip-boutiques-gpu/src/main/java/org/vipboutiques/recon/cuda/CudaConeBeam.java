package org.vipboutiques.recon.cuda;

import java.util.Optional;
import org.vipboutiques.recon.backend.StageTimings;
import org.vipboutiques.recon.backend.Timed;
import org.vipboutiques.recon.fdk.ConeBeam;
import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.geometry.ConeBeamGeometry;
import org.vipboutiques.recon.geometry.FlatDetector;
import org.vipboutiques.recon.geometry.VolumeGrid;
import org.vipboutiques.recon.volume.Spacing;
import org.vipboutiques.recon.volume.Volume;

/**
 * The CUDA implementation of {@link ConeBeam}: projections are uploaded once, weighted, filtered (by the FFT
 * or by direct convolution, see {@link RampRows}) and back-projected in device memory; only the volume comes back. All projections stay
 * resident (512^3 from 360 views of 512^2 needs about 2 GiB). Not thread-safe.
 */
final class CudaConeBeam implements ConeBeam, Timed {
  private static final Dim3 BP_BLOCK = Dim3.of(32, 8, 1);
  /** Voxels per thread along z (Z_PER_THREAD in cone_beam.cu). */
  private static final int BP_DEPTH = 8;

  private final CudaContext ctx;
  private final RampRows ramp;
  private volatile StageTimings last;

  CudaConeBeam(CudaContext ctx, RampRows ramp) {
    this.ctx = ctx;
    this.ramp = ramp;
  }

  @Override
  public Optional<StageTimings> lastTimings() {
    return Optional.ofNullable(last);
  }

  @Override
  public Volume fdk(Volume projections, ConeBeamGeometry g, RampFilter filter) {
    g.requireProjections(projections);
    ctx.makeCurrent();
    FlatDetector det = g.detector();
    VolumeGrid grid = g.volume();
    int nu = det.columns();
    int nv = det.rows();
    int views = g.views();
    long rows = (long) nv * views;
    int p = RampFilter.paddedLength(nu);
    Volume out = Volume.zeros(grid.nx(), grid.ny(), grid.nz(), Spacing.isotropic(grid.voxelSize()));
    int rowCount = Math.toIntExact(rows);
    try (DeviceBuffer dTrig = DeviceBuffer.of(ViewConstants.cone(g));
        DeviceBuffer dPadded = DeviceBuffer.floats(rows * p);
        DeviceBuffer dVolume = DeviceBuffer.floats(out.size());
        DeviceBuffer dProjections = DeviceBuffer.floats(projections.size())) {
      last = ctx.stages(() -> dProjections.upload(projections.data(), 0, projections.size()), () -> {
        ctx.kernel("cone_beam", "weight_pad").launch(RowLaunch.grid(p, rows), RowLaunch.BLOCK,
            dProjections, dPadded, nu, nv, views, p,
            (float) det.columnSpacing(), (float) det.rowSpacing(), (float) g.sourceToDetector());
        // The raw projections are spent once weighted: free them before the filter's scratch is allocated.
        dProjections.close();
        int offset = ramp.filter(dPadded, nu, p, rowCount, filter, det.columnSpacing() / g.magnification());
        Dim3 launch = Dim3.of(Dim3.blocks(grid.nx(), BP_BLOCK.x()), Dim3.blocks(grid.ny(), BP_BLOCK.y()),
            Dim3.blocks(grid.nz(), BP_DEPTH));
        ctx.kernel("cone_beam", "backproject").launch(launch, BP_BLOCK,
            dPadded.at(offset), p, nu, nv, views, dTrig, dVolume, grid.nx(), grid.ny(), grid.nz(), (float) grid.voxelSize(),
            (float) g.sourceToIsocentre(), (float) g.sourceToDetector(), (float) det.columnSpacing(),
            (float) det.rowSpacing(), (float) g.fdkWeight());
      }, () -> dVolume.download(out.data(), 0, out.size()));
    }
    return out;
  }
}
