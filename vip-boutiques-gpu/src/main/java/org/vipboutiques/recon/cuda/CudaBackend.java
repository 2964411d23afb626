package org.vipboutiques.recon.cuda;

import java.util.Optional;
import org.vipboutiques.recon.backend.Backend;
import org.vipboutiques.recon.backend.BackendKind;
import org.vipboutiques.recon.fbp.CpuParallelBeam;
import org.vipboutiques.recon.fbp.ParallelBeam;
import org.vipboutiques.recon.fdk.ConeBeam;
import org.vipboutiques.recon.fdk.CpuConeBeam;
import org.vipboutiques.recon.mlem.EmissionTomography;
import org.vipboutiques.recon.mri.CartesianMri;
import org.vipboutiques.recon.mri.CpuCartesianMri;

/**
 * The CUDA back end (JCuda 11.8.0 driver API, PTX kernels from src/main/cuda). Its FFT steps run on
 * cuFFT or on the project's own FFT, as the probe decided; without either, FBP, FDK and MRI run on the
 * CPU and the rest on the GPU. Kernels allocate device memory per call and free it before returning;
 * FFT plans and tables are kept until {@link #close()}. The primary context stays retained for the life
 * of the process.
 */
final class CudaBackend implements Backend {
  private final CudaContext ctx;
  private final String description;
  private final Optional<FftSteps> fft;
  private final CudaParallelBeam parallelBeam;
  private final ConeBeam coneBeam;
  private final CartesianMri mri;
  private final CudaEmissionTomography emission;

  CudaBackend(CudaContext ctx, Optional<FftKind> fftKind, String description) {
    this.ctx = ctx;
    this.description = description;
    this.fft = fftKind.map(kind -> CudaProbe.open(ctx, kind));
    this.parallelBeam = new CudaParallelBeam(ctx, fft, new CpuParallelBeam());
    this.coneBeam = fft.<ConeBeam>map(f -> new CudaConeBeam(ctx, f)).orElseGet(CpuConeBeam::new);
    this.mri = fft.<CartesianMri>map(f -> new CudaCartesianMri(ctx, f)).orElseGet(CpuCartesianMri::new);
    this.emission = new CudaEmissionTomography(ctx, parallelBeam);
  }

  /** Who runs the FFT steps of this back end, if anyone does on the GPU. */
  Optional<FftKind> fftKind() {
    return fft.map(FftSteps::kind);
  }

  @Override
  public BackendKind kind() {
    return BackendKind.CUDA;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public ParallelBeam parallelBeam() {
    return parallelBeam;
  }

  @Override
  public ConeBeam coneBeam() {
    return coneBeam;
  }

  @Override
  public CartesianMri mri() {
    return mri;
  }

  @Override
  public EmissionTomography emission() {
    return emission;
  }

  @Override
  public void close() {
    // Device buffers are scoped to each call; only the FFT plans and tables outlive them.
    ctx.makeCurrent();
    fft.ifPresent(FftSteps::close);
  }
}
