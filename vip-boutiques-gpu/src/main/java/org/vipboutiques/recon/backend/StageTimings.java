package org.vipboutiques.recon.backend;

import java.util.Locale;

/** Wall-clock time of one call split into host-to-device transfers, device work and device-to-host transfers. */
public record StageTimings(double uploadMs, double computeMs, double downloadMs) {
  public double totalMs() {
    return uploadMs + computeMs + downloadMs;
  }

  /** Adds another call's stages (for work done in chunks). */
  public StageTimings plus(StageTimings o) {
    return new StageTimings(uploadMs + o.uploadMs, computeMs + o.computeMs, downloadMs + o.downloadMs);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "upload %.2f ms, compute %.2f ms, download %.2f ms", uploadMs, computeMs, downloadMs);
  }
}
