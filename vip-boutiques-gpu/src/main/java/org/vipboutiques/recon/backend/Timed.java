package org.vipboutiques.recon.backend;

import java.util.Optional;

/** Implemented by kernels that can report the stages of their last call (the CUDA ones). */
public interface Timed {
  Optional<StageTimings> lastTimings();
}
