package org.vipboutiques.recon.cuda;

import java.util.Optional;
import org.vipboutiques.recon.backend.Availability;

/**
 * What {@link CudaProbe} found: whether the CUDA back end is usable (driver, device, PTX), the ready
 * context when it is, and who runs the FFT steps there (none: FBP, FDK and MRI then run on the CPU).
 */
record ProbeResult(Availability availability, Optional<CudaContext> context, Optional<FftKind> fft) {
}
