package org.vipboutiques.recon.cuda;

/** The FFT steps on cuFFT: batched R2C/C2R for ramp filtering, batched in-place C2C for MRI. */
final class CufftSteps implements FftSteps {
  private final CudaContext ctx;
  private final CufftPlanCache plans = new CufftPlanCache();

  CufftSteps(CudaContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public FftKind kind() {
    return FftKind.CUFFT;
  }

  @Override
  public void filterRows(DeviceBuffer rows, int p, int count, DeviceBuffer response) {
    int half = p / 2 + 1;
    try (DeviceBuffer spectrum = DeviceBuffer.floats(2L * count * half)) {
      plans.realToComplex(p, count).forward(rows, spectrum);
      ctx.kernel("parallel_beam", "multiply_response").launch(RowLaunch.grid(half, count), RowLaunch.BLOCK,
          spectrum, response, half, count);
      plans.complexToReal(p, count).inverse(spectrum, rows);
    }
  }

  @Override
  public long scratchFloatsPerRow(int p) {
    return 2L * (p / 2 + 1);
  }

  @Override
  public void inverseInPlace(DeviceBuffer data, int[] dims, int batch) {
    plans.complex(dims, batch).inverseInPlace(data);
  }

  @Override
  public void close() {
    plans.close();
  }
}
