package org.vipboutiques.recon.mlem;

import java.util.List;
import org.vipboutiques.recon.volume.Volume;

/**
 * The reconstructed activity and, when tracked, the Poisson log-likelihood sum(y log ybar - ybar) of the
 * initial image and after each full iteration (iterations + 1 values, else none).
 */
public record EmResult(Volume image, List<Double> logLikelihood) {
  public EmResult {
    if (image == null || logLikelihood == null) {
      throw new IllegalArgumentException("image and likelihood list are required");
    }
    logLikelihood = List.copyOf(logLikelihood);
  }
}
