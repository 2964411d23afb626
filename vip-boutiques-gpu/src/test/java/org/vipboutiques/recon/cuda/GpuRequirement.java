package org.vipboutiques.recon.cuda;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the CUDA tests run, skip or fail. They run on any usable CUDA device: a real GPU, or the CUDA
 * emulator (src/test/emulator) in the pom's cuda-emulator execution. Where none is usable they skip,
 * except that VIPB_REQUIRE_GPU=1 (the lent GPU machine) or, in the emulator execution,
 * VIPB_REQUIRE_CUDA_EMULATOR=1 (CI) turns the skip into a failure.
 */
public final class GpuRequirement {
  private static final String EMULATOR_PROPERTY = "vip.recon.cudaEmulator";

  private GpuRequirement() {
  }

  /** The emulator's folder when this JVM runs in the cuda-emulator execution. */
  public static Optional<Path> emulatorFolder() {
    String dir = System.getProperty(EMULATOR_PROPERTY, "");
    return dir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dir));
  }

  /** Whether the usable device is the emulator. */
  public static boolean onEmulator() {
    return CudaProbe.availability().usable() && CudaProbe.availability().detail().contains("vipb CUDA emulator");
  }

  /** Skips, or fails where a device is required, unless a CUDA device is usable. */
  public static void usableDevice() {
    if (CudaProbe.availability().usable()) {
      return;
    }
    String why = "no usable CUDA device: " + CudaProbe.availability().detail();
    Optional<Path> emulator = emulatorFolder();
    if (emulator.isPresent() && "1".equals(System.getenv("VIPB_REQUIRE_CUDA_EMULATOR"))) {
      fail(why + " (the CUDA emulator is required here; built in " + emulator.get() + ": "
          + Files.exists(emulator.get().resolve("libcuda.so.1")) + "; LD_LIBRARY_PATH="
          + System.getenv("LD_LIBRARY_PATH") + ")");
    }
    if (emulator.isEmpty() && "1".equals(System.getenv("VIPB_REQUIRE_GPU"))) {
      fail(why + " (VIPB_REQUIRE_GPU=1)");
    }
    assumeTrue(false, why);
  }

  /** Skips (or fails as above) unless the usable device is the emulator. */
  public static void emulator() {
    usableDevice();
    assumeTrue(onEmulator(), () -> "not the CUDA emulator: " + CudaProbe.availability().detail());
  }
}
