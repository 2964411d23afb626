package org.vipboutiques.recon.cuda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.vipboutiques.testing.conditions.Probe;
import org.vipboutiques.testing.conditions.RequiredBy;

/**
 * The CUDA device the tests can use ({@link CudaProbe}, probed once per JVM), and which variable
 * makes its absence a failure: in the pom's cuda-emulator execution (system property
 * {@code vip.recon.cudaEmulator}) VIPB_REQUIRE_CUDA_EMULATOR, elsewhere VIPB_REQUIRE_GPU.
 */
final class CudaRequirement {
  private static final String EMULATOR_PROPERTY = "vip.recon.cudaEmulator";
  static final String EMULATOR_REQUIRED_BY = "VIPB_REQUIRE_CUDA_EMULATOR";
  static final String GPU_REQUIRED_BY = "VIPB_REQUIRE_GPU";

  private CudaRequirement() {
  }

  /** The emulator's folder when this JVM runs in the cuda-emulator execution. */
  static Optional<Path> emulatorFolder() {
    String dir = System.getProperty(EMULATOR_PROPERTY, "");
    return dir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dir));
  }

  /** Whether a device is usable, and if not why, and how to get one. */
  static Probe usable() {
    if (CudaProbe.availability().usable()) {
      return Probe.present(CudaProbe.availability().detail());
    }
    String why = "no usable CUDA device (" + CudaProbe.availability().detail() + ")";
    return Probe.absent(emulatorFolder().map(dir -> why + "; the CUDA emulator is not in " + dir
        + (Files.exists(dir.resolve("libcuda.so.1")) ? " on LD_LIBRARY_PATH=" + System.getenv("LD_LIBRARY_PATH")
            : ": install g++ (the build makes the emulator with it, src/test/emulator/build.sh)"))
        .orElse(why + "; these tests run on a GPU, or on the CUDA emulator in the cuda-emulator execution"));
  }

  /** Whether the usable device is the emulator. */
  static Probe emulator() {
    Probe device = usable();
    if (device.present() && !device.detail().contains("vipb CUDA emulator")) {
      return Probe.absent("not the CUDA emulator: " + device.detail());
    }
    return device;
  }

  /** The variable that makes an absent device a failure in this JVM, if it is set. */
  static Optional<String> requiredBy() {
    String variable = emulatorFolder().isPresent() ? EMULATOR_REQUIRED_BY : GPU_REQUIRED_BY;
    return RequiredBy.isSet(variable) ? Optional.of(variable) : Optional.empty();
  }
}
