package org.vipboutiques.recon.cuda;

import java.util.Optional;
import java.util.function.IntConsumer;
import org.vipboutiques.recon.backend.StageTimings;
import org.vipboutiques.recon.backend.Timed;
import org.vipboutiques.recon.fbp.ParallelBeam;
import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.volume.Volume;

/**
 * The CUDA implementation of {@link ParallelBeam}. A chunk of slices is uploaded once; zero-padding,
 * the ramp filter (by the FFT or by direct convolution, see {@link RampRows}) and the back-projection all run on it in device memory, and only the images
 * come back. Not thread-safe: one call at a time per instance.
 */
final class CudaParallelBeam implements ParallelBeam, Timed {
  /** Device memory one chunk of slices may use, by default. */
  static final long CHUNK_BYTES = 1L << 30;
  private static final Dim3 BP_BLOCK = Dim3.of(32, 8, 1);
  /** Pixels per thread along y in the back-projection kernel (PIXELS_PER_THREAD in parallel_beam.cu). */
  private static final int BP_PIXELS = 4;

  private final CudaContext ctx;
  private final Optional<RampRows> ramp;
  private final ParallelBeam withoutFft;
  private final long chunkBytes;
  private volatile StageTimings last;

  /** FBP filters with {@code ramp}; without one it is {@code withoutFft}'s (the CPU's). */
  CudaParallelBeam(CudaContext ctx, Optional<RampRows> ramp, ParallelBeam withoutFft) {
    this(ctx, ramp, withoutFft, CHUNK_BYTES);
  }

  /** With a smaller chunk budget, tests make a few slices span several chunks. */
  CudaParallelBeam(CudaContext ctx, Optional<RampRows> ramp, ParallelBeam withoutFft, long chunkBytes) {
    this.ctx = ctx;
    this.ramp = ramp;
    this.withoutFft = withoutFft;
    this.chunkBytes = chunkBytes;
  }

  @Override
  public Optional<StageTimings> lastTimings() {
    return Optional.ofNullable(last);
  }

  @Override
  public Volume filteredBackProjection(Volume sinograms, ParallelBeamGeometry g, RampFilter filter) {
    if (ramp.isEmpty()) {
      Volume out = withoutFft.filteredBackProjection(sinograms, g, filter);
      last = null;
      return out;
    }
    RampRows steps = ramp.get();
    g.requireSinograms(sinograms);
    ctx.makeCurrent();
    int bins = g.bins();
    int views = g.views();
    int p = RampFilter.paddedLength(bins);
    int chunk = chunk(4L * views * (bins + p + steps.scratchFloatsPerRow(p)) + 4L * g.image().nx() * g.image().ny(),
        sinograms.nz());
    Volume out = images(g, sinograms);
    try (DeviceBuffer dViews = DeviceBuffer.of(ViewConstants.parallel(g));
        DeviceBuffer dSino = DeviceBuffer.floats((long) chunk * views * bins);
        DeviceBuffer dPadded = DeviceBuffer.floats((long) chunk * views * p);
        DeviceBuffer dImage = DeviceBuffer.floats((long) chunk * pixels(g))) {
      inChunks(sinograms, dSino, out, dImage, chunk, n -> {
        int rows = n * views;
        ctx.kernel("parallel_beam", "pad_rows").launch(RowLaunch.grid(p, rows), RowLaunch.BLOCK,
            dSino, dPadded, bins, p, rows);
        int offset = steps.filter(dPadded, bins, p, rows, filter, g.detector().spacing());
        backProject(dPadded.at(offset), p, (long) views * p, g, dViews, dImage, n, (float) g.fbpWeight());
      });
    }
    return out;
  }

  @Override
  public Volume project(Volume images, ParallelBeamGeometry g) {
    g.requireImages(images);
    ctx.makeCurrent();
    int chunk = chunk(4L * (g.views() * g.bins() + pixels(g)), images.nz());
    Volume out = Volume.zeros(g.bins(), g.views(), images.nz(), g.sinogramSpacing(images.spacing().dz()));
    try (DeviceBuffer dViews = DeviceBuffer.of(ViewConstants.parallel(g));
        DeviceBuffer dImage = DeviceBuffer.floats((long) chunk * pixels(g));
        DeviceBuffer dSino = DeviceBuffer.floats((long) chunk * g.views() * g.bins())) {
      inChunks(images, dImage, out, dSino, chunk, n -> project(dImage, g, dViews, dSino, n));
    }
    return out;
  }

  @Override
  public Volume backProject(Volume sinograms, ParallelBeamGeometry g) {
    g.requireSinograms(sinograms);
    ctx.makeCurrent();
    int chunk = chunk(4L * (g.views() * g.bins() + pixels(g)), sinograms.nz());
    Volume out = images(g, sinograms);
    try (DeviceBuffer dViews = DeviceBuffer.of(ViewConstants.parallel(g));
        DeviceBuffer dSino = DeviceBuffer.floats((long) chunk * g.views() * g.bins());
        DeviceBuffer dImage = DeviceBuffer.floats((long) chunk * pixels(g))) {
      inChunks(sinograms, dSino, out, dImage, chunk, n -> backProject(dSino, g.bins(), (long) g.views() * g.bins(), g,
          dViews, dImage, n, (float) g.projectorWeight()));
    }
    return out;
  }

  /**
   * Runs {@code compute} over the slices of {@code in}, {@code chunk} at a time: each chunk is uploaded to
   * {@code dIn}, computed into {@code dOut} and downloaded into {@code out}; the timings of the three steps
   * are summed over the chunks.
   */
  private void inChunks(Volume in, DeviceBuffer dIn, Volume out, DeviceBuffer dOut, int chunk, IntConsumer compute) {
    int inSlice = in.nx() * in.ny();
    int outSlice = out.nx() * out.ny();
    StageTimings total = new StageTimings(0, 0, 0);
    for (int z0 = 0; z0 < in.nz(); z0 += chunk) {
      int first = z0;
      int n = Math.min(chunk, in.nz() - z0);
      total = total.plus(ctx.stages(() -> dIn.upload(in.data(), first * inSlice, n * inSlice), () -> compute.accept(n),
          () -> dOut.download(out.data(), first * outSlice, n * outSlice)));
    }
    last = total;
  }

  /**
   * Launches the back-projection of {@code slices} slices of rows (a DeviceBuffer or a CUdeviceptr; row k of
   * slice z at z * sliceStride + k * rowStride).
   */
  void backProject(Object rows, int rowStride, long sliceStride, ParallelBeamGeometry g, DeviceBuffer views,
      DeviceBuffer image, int slices, float weight) {
    int nx = g.image().nx();
    int ny = g.image().ny();
    Dim3 grid = Dim3.of(Dim3.blocks(nx, BP_BLOCK.x()), Dim3.blocks(ny, BP_BLOCK.y() * BP_PIXELS), slices);
    ctx.kernel("parallel_beam", "backproject").launch(grid, BP_BLOCK,
        rows, rowStride, sliceStride, g.bins(), g.views(), views, image, nx, ny, weight);
  }

  /** Launches the projector on {@code slices} images. */
  void project(DeviceBuffer image, ParallelBeamGeometry g, DeviceBuffer views, DeviceBuffer sinogram, int slices) {
    Dim3 grid = Dim3.of(Dim3.blocks(g.bins(), 128), g.views(), slices);
    ctx.kernel("parallel_beam", "project").launch(grid, Dim3.of(128, 1, 1),
        image, g.image().nx(), g.image().ny(), g.bins(), g.views(), views, sinogram, (float) g.projectorWeight());
  }

  /** Slices per chunk: within the memory budget and the 65535 limit of gridDim.z. */
  private int chunk(long bytesPerSlice, int slices) {
    return (int) Math.max(1, Math.min(Math.min(slices, 65535), chunkBytes / Math.max(1, bytesPerSlice)));
  }

  private static long pixels(ParallelBeamGeometry g) {
    return (long) g.image().nx() * g.image().ny();
  }

  private static Volume images(ParallelBeamGeometry g, Volume sinograms) {
    return Volume.zeros(g.image().nx(), g.image().ny(), sinograms.nz(), g.imageSpacing(sinograms.spacing().dz()));
  }
}
