package org.vipboutiques.recon.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;

import java.util.Optional;

/** Measured device-memory bandwidth, the yardstick for bandwidth-bound kernels such as FFTs. */
public final class DeviceBandwidth {
  private DeviceBandwidth() {
  }

  /**
   * GB/s of a device-to-device copy of 512 MiB (bytes read plus bytes written, best of 5), or empty when
   * the CUDA back end is not usable.
   */
  public static Optional<Double> measure() {
    Optional<CudaContext> ctx = CudaProbe.result().context();
    if (ctx.isEmpty()) {
      return Optional.empty();
    }
    ctx.get().makeCurrent();
    long bytes = 512L << 20;
    double best = Double.MAX_VALUE;
    try (DeviceBuffer a = DeviceBuffer.floats(bytes / 4); DeviceBuffer b = DeviceBuffer.floats(bytes / 4)) {
      a.zero();
      for (int i = 0; i < 6; i++) {
        ctx.get().synchronize();
        long t0 = System.nanoTime();
        cuMemcpyDtoD(b.pointer(), a.pointer(), bytes);
        ctx.get().synchronize();
        long t = System.nanoTime() - t0;
        if (i > 0) {
          best = Math.min(best, t);
        }
      }
    }
    return Optional.of(2.0 * bytes / best);
  }
}
