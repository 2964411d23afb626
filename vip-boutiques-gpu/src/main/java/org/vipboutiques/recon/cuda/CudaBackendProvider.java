package org.vipboutiques.recon.cuda;

import org.vipboutiques.recon.backend.Availability;
import org.vipboutiques.recon.backend.Backend;
import org.vipboutiques.recon.backend.BackendKind;
import org.vipboutiques.recon.backend.BackendProvider;
import org.vipboutiques.recon.backend.BackendUnavailableException;

/** Provides the CUDA back end when {@link CudaProbe} found a usable driver, device and PTX. */
public final class CudaBackendProvider implements BackendProvider {

  @Override
  public BackendKind kind() {
    return BackendKind.CUDA;
  }

  @Override
  public Availability availability() {
    return CudaProbe.availability();
  }

  @Override
  public Backend open() {
    ProbeResult r = CudaProbe.result();
    CudaContext ctx = r.context().orElseThrow(() ->
        new BackendUnavailableException("the CUDA back end is not usable: " + r.availability().detail()));
    return new CudaBackend(ctx, r.fft(), r.availability().detail());
  }
}
