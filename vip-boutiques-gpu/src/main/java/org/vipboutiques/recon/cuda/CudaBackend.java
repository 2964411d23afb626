package org.vipboutiques.recon.cuda;

import org.vipboutiques.recon.backend.Backend;
import org.vipboutiques.recon.backend.BackendKind;
import org.vipboutiques.recon.fbp.ParallelBeam;
import org.vipboutiques.recon.fdk.ConeBeam;
import org.vipboutiques.recon.mlem.EmissionTomography;
import org.vipboutiques.recon.mri.CartesianMri;

/**
 * The CUDA back end (JCuda 11.8.0 driver API, JCufft 11.8.0, PTX kernels from src/main/cuda). Kernels
 * allocate device memory per call and free it before returning; cuFFT plans are kept until
 * {@link #close()}. The primary context stays retained for the life of the process.
 */
final class CudaBackend implements Backend {
  private final CudaContext ctx;
  private final CudaParallelBeam parallelBeam;
  private final CudaConeBeam coneBeam;
  private final CudaCartesianMri mri;
  private final CudaEmissionTomography emission;
  private final CufftPlanCache plans = new CufftPlanCache();

  CudaBackend(CudaContext ctx) {
    this.ctx = ctx;
    this.parallelBeam = new CudaParallelBeam(ctx, plans);
    this.coneBeam = new CudaConeBeam(ctx, plans);
    this.mri = new CudaCartesianMri(ctx, plans);
    this.emission = new CudaEmissionTomography(ctx, parallelBeam);
  }

  @Override
  public BackendKind kind() {
    return BackendKind.CUDA;
  }

  @Override
  public String description() {
    return "CUDA on " + ctx.device();
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
    // Device buffers are scoped to each call; only the cached cuFFT plans outlive them.
    ctx.makeCurrent();
    plans.close();
  }
}
