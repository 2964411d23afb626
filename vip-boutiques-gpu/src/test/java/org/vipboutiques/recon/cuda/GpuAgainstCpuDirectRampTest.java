package org.vipboutiques.recon.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link GpuAgainstCpuTest} with FBP and FDK ramp-filtered by direct convolution
 * ({@code -Dvip.recon.rampFilter=direct}): the same inputs, the same 1e-4 bar against the CPU. Tests without
 * a ramp filter (projector, MLEM, MRI) are the parent's alone (overridden without {@code @Test}).
 */
class GpuAgainstCpuDirectRampTest extends GpuAgainstCpuTest {

  @Override
  Optional<RampMethod> rampMethod() {
    return Optional.of(RampMethod.DIRECT);
  }

  @AfterEach
  void theDirectConvolutionRan() {
    ((CudaBackend) gpu).rampRows().ifPresent(r -> {
      if (r.lastUsed() != null) {
        assertEquals(RampMethod.DIRECT, r.lastUsed(), "the ramp filter's method");
      }
    });
  }

  @Override
  void projectorAndAdjointMatchTheCpu() {
    // No ramp filter: run once, by GpuAgainstCpuTest.
  }

  @Override
  void mlemAndOsemMatchTheCpuAndTheLikelihoodNeverDecreases() {
    // No ramp filter: run once, by GpuAgainstCpuTest.
  }

  @Override
  void mriMatchesTheCpuAndTheAnalyticImage() {
    // No ramp filter: run once, by GpuAgainstCpuTest.
  }
}
