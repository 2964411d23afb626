package org.vipboutiques.recon.cuda;

import java.util.Optional;
import org.vipboutiques.recon.backend.StageTimings;
import org.vipboutiques.recon.backend.Timed;
import org.vipboutiques.recon.fbp.ParallelBeam;
import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.volume.Volume;

/**
 * The CUDA implementation of {@link ParallelBeam}. A chunk of slices is uploaded once; zero-padding,
 * the cuFFT ramp filter and the back-projection all run on it in device memory, and only the images
 * come back. Not thread-safe: one call at a time per instance.
 */
final class CudaParallelBeam implements ParallelBeam, Timed {
  /** Device memory one chunk of slices may use. */
  private static final long CHUNK_BYTES = 1L << 30;
  private static final Dim3 BP_BLOCK = Dim3.of(32, 8, 1);
  /** Pixels per thread along y in the back-projection kernel (PIXELS_PER_THREAD in parallel_beam.cu). */
  private static final int BP_PIXELS = 4;

  private final CudaContext ctx;
  private final CufftPlanCache plans;
  private volatile StageTimings last;

  CudaParallelBeam(CudaContext ctx, CufftPlanCache plans) {
    this.ctx = ctx;
    this.plans = plans;
  }

  @Override
  public Optional<StageTimings> lastTimings() {
    return Optional.ofNullable(last);
  }

  @Override
  public Volume filteredBackProjection(Volume sinograms, ParallelBeamGeometry g, RampFilter filter) {
    g.requireSinograms(sinograms);
    ctx.makeCurrent();
    int bins = g.bins();
    int views = g.views();
    int nx = g.image().nx();
    int ny = g.image().ny();
    int slices = sinograms.nz();
    int p = RampFilter.paddedLength(bins);
    int half = p / 2 + 1;
    float[] response = filter.frequencyResponse(p, g.detector().spacing());
    for (int m = 0; m < half; m++) {
      response[m] /= p;
    }
    long perSlice = 4L * views * (bins + p + 2L * half) + 4L * nx * ny;
    int chunk = chunk(perSlice, slices);
    Volume out = images(g, sinograms);
    StageTimings total = new StageTimings(0, 0, 0);
    try (DeviceBuffer dResponse = DeviceBuffer.of(response);
        DeviceBuffer dViews = DeviceBuffer.of(ViewConstants.parallel(g));
        DeviceBuffer dSino = DeviceBuffer.floats((long) chunk * views * bins);
        DeviceBuffer dPadded = DeviceBuffer.floats((long) chunk * views * p);
        DeviceBuffer dSpectrum = DeviceBuffer.floats(2L * chunk * views * half);
        DeviceBuffer dImage = DeviceBuffer.floats((long) chunk * nx * ny)) {
      for (int z0 = 0; z0 < slices; z0 += chunk) {
        int n = Math.min(chunk, slices - z0);
        int rows = n * views;
        long t0 = System.nanoTime();
        dSino.upload(sinograms.data(), z0 * views * bins, rows * bins);
        ctx.synchronize();
        long t1 = System.nanoTime();
        ctx.kernel("parallel_beam", "pad_rows").launch(RowLaunch.grid(p, rows), RowLaunch.BLOCK,
            dSino, dPadded, bins, p, rows);
        plans.realToComplex(p, rows).forward(dPadded, dSpectrum);
        ctx.kernel("parallel_beam", "multiply_response").launch(RowLaunch.grid(half, rows), RowLaunch.BLOCK,
            dSpectrum, dResponse, half, rows);
        plans.complexToReal(p, rows).inverse(dSpectrum, dPadded);
        backProject(dPadded, p, (long) views * p, g, dViews, dImage, n, (float) g.fbpWeight());
        ctx.synchronize();
        long t2 = System.nanoTime();
        dImage.download(out.data(), z0 * nx * ny, n * nx * ny);
        long t3 = System.nanoTime();
        total = total.plus(new StageTimings((t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6));
      }
    }
    last = total;
    return out;
  }

  @Override
  public Volume project(Volume images, ParallelBeamGeometry g) {
    g.requireImages(images);
    ctx.makeCurrent();
    int bins = g.bins();
    int views = g.views();
    int nx = g.image().nx();
    int ny = g.image().ny();
    int slices = images.nz();
    int chunk = chunk(4L * (views * bins + nx * ny), slices);
    Volume out = Volume.zeros(bins, views, slices, g.sinogramSpacing(images.spacing().dz()));
    StageTimings total = new StageTimings(0, 0, 0);
    try (DeviceBuffer dViews = DeviceBuffer.of(ViewConstants.parallel(g));
        DeviceBuffer dImage = DeviceBuffer.floats((long) chunk * nx * ny);
        DeviceBuffer dSino = DeviceBuffer.floats((long) chunk * views * bins)) {
      for (int z0 = 0; z0 < slices; z0 += chunk) {
        int n = Math.min(chunk, slices - z0);
        long t0 = System.nanoTime();
        dImage.upload(images.data(), z0 * nx * ny, n * nx * ny);
        ctx.synchronize();
        long t1 = System.nanoTime();
        project(dImage, g, dViews, dSino, n);
        ctx.synchronize();
        long t2 = System.nanoTime();
        dSino.download(out.data(), z0 * views * bins, n * views * bins);
        long t3 = System.nanoTime();
        total = total.plus(new StageTimings((t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6));
      }
    }
    last = total;
    return out;
  }

  @Override
  public Volume backProject(Volume sinograms, ParallelBeamGeometry g) {
    g.requireSinograms(sinograms);
    ctx.makeCurrent();
    int bins = g.bins();
    int views = g.views();
    int nx = g.image().nx();
    int ny = g.image().ny();
    int slices = sinograms.nz();
    int chunk = chunk(4L * (views * bins + nx * ny), slices);
    Volume out = images(g, sinograms);
    StageTimings total = new StageTimings(0, 0, 0);
    try (DeviceBuffer dViews = DeviceBuffer.of(ViewConstants.parallel(g));
        DeviceBuffer dSino = DeviceBuffer.floats((long) chunk * views * bins);
        DeviceBuffer dImage = DeviceBuffer.floats((long) chunk * nx * ny)) {
      for (int z0 = 0; z0 < slices; z0 += chunk) {
        int n = Math.min(chunk, slices - z0);
        long t0 = System.nanoTime();
        dSino.upload(sinograms.data(), z0 * views * bins, n * views * bins);
        ctx.synchronize();
        long t1 = System.nanoTime();
        backProject(dSino, bins, (long) views * bins, g, dViews, dImage, n, (float) g.projectorWeight());
        ctx.synchronize();
        long t2 = System.nanoTime();
        dImage.download(out.data(), z0 * nx * ny, n * nx * ny);
        long t3 = System.nanoTime();
        total = total.plus(new StageTimings((t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6));
      }
    }
    last = total;
    return out;
  }

  /** Launches the back-projection of {@code slices} slices of rows (row k of slice z at z * sliceStride + k * rowStride). */
  void backProject(DeviceBuffer rows, int rowStride, long sliceStride, ParallelBeamGeometry g, DeviceBuffer views,
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
  private static int chunk(long bytesPerSlice, int slices) {
    return (int) Math.max(1, Math.min(Math.min(slices, 65535), CHUNK_BYTES / Math.max(1, bytesPerSlice)));
  }

  private static Volume images(ParallelBeamGeometry g, Volume sinograms) {
    return Volume.zeros(g.image().nx(), g.image().ny(), sinograms.nz(), g.imageSpacing(sinograms.spacing().dz()));
  }
}
