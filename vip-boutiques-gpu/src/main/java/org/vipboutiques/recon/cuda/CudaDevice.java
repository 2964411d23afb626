package org.vipboutiques.recon.cuda;

import java.util.Locale;

/** The GPU the CUDA back end runs on. */
public record CudaDevice(int ordinal, String name, int computeMajor, int computeMinor, long totalMemoryBytes,
    int driverVersion) {

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s (device %d, compute capability %d.%d, %.1f GiB, driver CUDA %d.%d)",
        name, ordinal, computeMajor, computeMinor, totalMemoryBytes / (double) (1L << 30),
        driverVersion / 1000, driverVersion % 1000 / 10);
  }
}
