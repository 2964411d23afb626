package org.vipboutiques.recon.cuda;

import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuInit;

import java.util.Optional;
import jcuda.driver.JCudaDriver;
import jcuda.jcufft.JCufft;
import org.vipboutiques.recon.backend.Availability;

/**
 * Finds out once per process whether the CUDA back end can run: the NVIDIA driver and JCuda's natives
 * load, a device of compute capability >= 7.5 exists, the driver accepts the PTX kernels, and cuFFT
 * (libcufft.so.10, which JCufft 11.8.0 links against) loads and computes a correct transform. Every
 * failure, including UnsatisfiedLinkError and NoClassDefFoundError, becomes a one-line reason.
 */
public final class CudaProbe {

  private static final class Holder {
    static final ProbeResult RESULT = run();
  }

  private CudaProbe() {
  }

  /** Whether the CUDA back end is usable here, with the device or the reason. */
  public static Availability availability() {
    return Holder.RESULT.availability();
  }

  static ProbeResult result() {
    return Holder.RESULT;
  }

  private static ProbeResult run() {
    if (Boolean.getBoolean("vip.recon.disableGpu")) {
      return unusable("disabled by -Dvip.recon.disableGpu=true");
    }
    String step = "loading the JCuda driver bindings";
    try {
      JCudaDriver.setExceptionsEnabled(true);
      step = "initialising the CUDA driver (cuInit)";
      cuInit(0);
      int[] count = new int[1];
      cuDeviceGetCount(count);
      if (count[0] < 1) {
        return unusable("the CUDA driver reports no device");
      }
      step = "opening device 0 and loading the PTX kernels";
      CudaContext context = CudaContext.open(0);
      step = "loading cuFFT (JCufft 11.8.0 needs libcufft.so.10 from CUDA 11.x)";
      JCufft.setExceptionsEnabled(true);
      JCufft.initialize();
      step = "checking a cuFFT transform";
      FftSelfTest.run();
      return new ProbeResult(Availability.usable("CUDA on " + context.device()), Optional.of(context));
    } catch (Throwable t) {
      // Catch everything: missing natives throw errors, not exceptions, and must not stop the CPU path.
      return unusable(explain(step, t));
    }
  }

  private static ProbeResult unusable(String reason) {
    return new ProbeResult(Availability.unusable(reason), Optional.empty());
  }

  /** One line: a known cause in plain words, else the failing step and the first line of the error. */
  static String explain(String step, Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append('\n');
    }
    String messages = all.toString();
    if (messages.contains("libcuda.so")) {
      return "no NVIDIA driver (libcuda.so.1 not found)";
    }
    if (messages.contains("libcufft.so")) {
      return "cuFFT not found: JCufft 11.8.0 needs libcufft.so.10 (CUDA 11.x) on LD_LIBRARY_PATH";
    }
    String first = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
    return step + " failed: " + t.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
  }
}
