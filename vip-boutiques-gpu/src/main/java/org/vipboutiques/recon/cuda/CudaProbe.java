package org.vipboutiques.recon.cuda;

import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuInit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jcuda.driver.JCudaDriver;
import jcuda.jcufft.JCufft;
import org.vipboutiques.recon.backend.Availability;

/**
 * Finds out once per process what the CUDA back end can run, kernel by kernel. The NVIDIA driver and
 * JCuda's natives, a device of compute capability >= 7.5 and a driver that loads the PTX kernels decide
 * whether it runs at all (the projector, its adjoint and MLEM/OSEM need nothing else). The FFT steps of
 * FBP, FDK and MRI then run on cuFFT where libcufft.so.10 (which JCufft 11.8.0 links against) loads and
 * computes a correct transform, else on the project's own FFT after its self-test; only if both fail do
 * those three run on the CPU. {@code -Dvip.recon.cudaFft=auto|cufft|own} narrows the choice; a
 * {@code -Dvip.recon.rampFilter} other than auto, fft or direct makes the back end unusable, with the reason. Every
 * failure, including UnsatisfiedLinkError and NoClassDefFoundError, becomes a one-line reason.
 */
public final class CudaProbe {

  private static final class Holder {
    static final ProbeResult RESULT = run();
  }

  private CudaProbe() {
  }

  /** Whether the CUDA back end is usable here, with the device and its kernels, or the reason. */
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
    List<FftKind> candidates;
    try {
      candidates = FftKind.candidates();
      RampMethod.fromProperty();
    } catch (IllegalArgumentException e) {
      return unusable(e.getMessage());
    }
    String step = "loading the JCuda driver bindings";
    CudaContext context;
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
      context = CudaContext.open(0);
    } catch (Throwable t) {
      // Catch everything: missing natives throw errors, not exceptions, and must not stop the CPU path.
      return unusable(explain(step, t));
    }
    List<String> refused = new ArrayList<>();
    Optional<FftKind> fft = Optional.empty();
    for (FftKind kind : candidates) {
      Optional<String> why = tryFft(context, kind);
      if (why.isEmpty()) {
        fft = Optional.of(kind);
        break;
      }
      refused.add(kind.label() + " not usable: " + why.get());
    }
    if (!candidates.contains(FftKind.CUFFT)) {
      refused.add(0, "cuFFT not tried (-Dvip.recon.cudaFft=own)");
    }
    if (fft.isEmpty() && !candidates.contains(FftKind.OWN)) {
      refused.add("the own FFT not tried (-Dvip.recon.cudaFft=cufft)");
    }
    return new ProbeResult(Availability.usable("CUDA on " + context.device() + "; " + kernels(fft, refused)),
        Optional.of(context), fft);
  }

  /** Empty when {@code kind} runs and passes its self-test on the device, else why not. */
  private static Optional<String> tryFft(CudaContext context, FftKind kind) {
    String step = kind == FftKind.CUFFT ? "loading cuFFT (JCufft 11.8.0 needs libcufft.so.10 from CUDA 11.x)"
        : "running the own FFT";
    try {
      context.makeCurrent();
      if (kind == FftKind.CUFFT) {
        JCufft.setExceptionsEnabled(true);
        JCufft.initialize();
      }
      step = "checking a transform of " + kind.label();
      try (FftSteps steps = open(context, kind)) {
        FftSelfTest.run(steps);
      }
      return Optional.empty();
    } catch (Throwable t) {
      return Optional.of(explain(step, t));
    }
  }

  static FftSteps open(CudaContext context, FftKind kind) {
    return kind == FftKind.CUFFT ? new CufftSteps(context) : new OwnFft(context);
  }

  /** Which kernels run on the GPU, with what FFT, and why any does not. */
  static String kernels(Optional<FftKind> fft, List<String> refused) {
    String why = refused.isEmpty() ? "" : " (" + String.join("; ", refused) + ")";
    return fft.map(kind -> "on the GPU: FBP, FDK and MRI with " + kind.label() + why
        + ", projector, back-projector and MLEM/OSEM")
        .orElse("on the GPU: projector, back-projector and MLEM/OSEM; on the CPU: FBP, FDK and MRI, no FFT on the GPU"
            + why);
  }

  private static ProbeResult unusable(String reason) {
    return new ProbeResult(Availability.unusable(reason), Optional.empty(), Optional.empty());
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
      return "libcufft.so.10 (CUDA 11.x cuFFT, which JCufft 11.8.0 needs) not found on LD_LIBRARY_PATH";
    }
    String first = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
    return step + " failed: " + t.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
  }
}
