package org.vipboutiques.recon.cuda;

import java.util.Optional;
import org.vipboutiques.recon.backend.StageTimings;
import org.vipboutiques.recon.backend.Timed;
import org.vipboutiques.recon.mri.CartesianMri;
import org.vipboutiques.recon.volume.ComplexVolume;
import org.vipboutiques.recon.volume.Volume;

/**
 * The CUDA implementation of {@link CartesianMri}: one batched in-place inverse FFT over all coils
 * (cuFFT or the own FFT, see {@link FftSteps}), then one
 * kernel pass. For root-sum-of-squares the input shift is skipped (it changes only the phase), so the
 * device touches the data in the FFT and in a single read for the combination. Not thread-safe.
 */
final class CudaCartesianMri implements CartesianMri, Timed {
  private static final int THREADS = 128;

  private final CudaContext ctx;
  private final FftSteps fft;
  private volatile StageTimings last;

  CudaCartesianMri(CudaContext ctx, FftSteps fft) {
    this.ctx = ctx;
    this.fft = fft;
  }

  @Override
  public Optional<StageTimings> lastTimings() {
    return Optional.ofNullable(last);
  }

  @Override
  public ComplexVolume centredInverseFft(ComplexVolume k) {
    ctx.makeCurrent();
    checkGrid(k);
    int n = k.channelSize();
    ComplexVolume out = ComplexVolume.zeros(k.nx(), k.ny(), k.nz(), k.channels(), k.imageSpacing());
    try (DeviceBuffer dK = DeviceBuffer.floats(k.data().length);
        DeviceBuffer dShifted = DeviceBuffer.floats(k.data().length)) {
      Dim3 grid = Dim3.of(Dim3.blocks(k.nx(), THREADS), k.ny(), k.nz() * k.channels());
      last = ctx.stages(() -> dK.upload(k.data(), 0, k.data().length), () -> {
        ctx.kernel("mri", "ifftshift").launch(grid, Dim3.of(THREADS, 1, 1), dK, dShifted, k.nx(), k.ny(), k.nz(),
            k.channels());
        fft.inverseInPlace(dShifted, dims(k), k.channels());
        ctx.kernel("mri", "fftshift_scale").launch(grid, Dim3.of(THREADS, 1, 1), dShifted, dK, k.nx(), k.ny(), k.nz(),
            k.channels(), (float) (1 / Math.sqrt(n)));
      }, () -> dK.download(out.data(), 0, out.data().length));
    }
    return out;
  }

  @Override
  public Volume rootSumOfSquares(ComplexVolume k) {
    ctx.makeCurrent();
    checkGrid(k);
    int n = k.channelSize();
    Volume out = Volume.zeros(k.nx(), k.ny(), k.nz(), k.imageSpacing());
    try (DeviceBuffer dK = DeviceBuffer.floats(k.data().length);
        DeviceBuffer dOut = DeviceBuffer.floats(n)) {
      last = ctx.stages(() -> dK.upload(k.data(), 0, k.data().length), () -> {
        fft.inverseInPlace(dK, dims(k), k.channels());
        ctx.kernel("mri", "rss").launch(Dim3.of(Dim3.blocks(k.nx(), THREADS), k.ny(), k.nz()), Dim3.of(THREADS, 1, 1),
            dK, dOut, k.nx(), k.ny(), k.nz(), k.channels(), (float) (1 / Math.sqrt(n)));
      }, () -> dOut.download(out.data(), 0, n));
    }
    return out;
  }

  private static int[] dims(ComplexVolume k) {
    return k.nz() == 1 ? new int[] {k.ny(), k.nx()} : new int[] {k.nz(), k.ny(), k.nx()};
  }

  private static void checkGrid(ComplexVolume k) {
    if ((long) k.nz() * k.channels() > 65535 || k.ny() > 65535) {
      throw new IllegalArgumentException("k-space too large for one launch grid: " + k.ny() + " rows, "
          + k.nz() + " slices x " + k.channels() + " coils");
    }
  }
}
