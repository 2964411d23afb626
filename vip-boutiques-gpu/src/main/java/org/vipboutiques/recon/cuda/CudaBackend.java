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
 * cuFFT or on the project's own FFT, as the probe decided; FBP and FDK ramp-filter by the FFT or by direct
 * convolution ({@link RampRows}, -Dvip.recon.rampFilter). Without an FFT, FBP, FDK and MRI run on the
 * CPU and the rest on the GPU. Kernels allocate device memory per call and free it before returning;
 * FFT plans and tables are kept until {@link #close()}. The primary context stays retained for the life
 * of the process.
 */
final class CudaBackend implements Backend {
  private final CudaContext ctx;
  private final String description;
  private final Optional<RampRows> ramp;
  private final CudaParallelBeam parallelBeam;
  private final ConeBeam coneBeam;
  private final CartesianMri mri;
  private final CudaEmissionTomography emission;

  CudaBackend(CudaContext ctx, Optional<FftKind> fftKind, String description) {
    this(ctx, fftKind, RampMethod.fromProperty(), description);
  }

  /** With the ramp filter's method given rather than read from -Dvip.recon.rampFilter. */
  CudaBackend(CudaContext ctx, Optional<FftKind> fftKind, RampMethod rampMethod, String description) {
    this.ctx = ctx;
    this.description = description;
    this.ramp = fftKind.map(kind -> new RampRows(ctx, CudaProbe.open(ctx, kind), rampMethod));
    this.parallelBeam = new CudaParallelBeam(ctx, ramp, new CpuParallelBeam());
    this.coneBeam = ramp.<ConeBeam>map(r -> new CudaConeBeam(ctx, r)).orElseGet(CpuConeBeam::new);
    this.mri = ramp.<CartesianMri>map(r -> new CudaCartesianMri(ctx, r.fft())).orElseGet(CpuCartesianMri::new);
    this.emission = new CudaEmissionTomography(ctx, parallelBeam);
  }

  /** Who runs the FFT steps of this back end, if anyone does on the GPU. */
  Optional<FftKind> fftKind() {
    return ramp.map(r -> r.fft().kind());
  }

  /** The ramp filter of FBP and FDK, where they run on the GPU. */
  Optional<RampRows> rampRows() {
    return ramp;
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
    ramp.ifPresent(RampRows::close);
  }
}
