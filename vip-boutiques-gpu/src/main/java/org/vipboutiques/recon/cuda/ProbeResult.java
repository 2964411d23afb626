package org.vipboutiques.recon.cuda;

import java.util.Optional;
import org.vipboutiques.recon.backend.Availability;

/** What {@link CudaProbe} found: whether CUDA is usable, and the ready context when it is. */
record ProbeResult(Availability availability, Optional<CudaContext> context) {
}
