package org.vipboutiques.recon.cuda;

import java.util.Optional;

/**
 * {@link GpuAgainstCpuTest} with the FFT steps of FBP, FDK and MRI on the project's own FFT, as on a
 * machine without libcufft.so.10: the same inputs, the same 1e-4 bar against the CPU. The two tests
 * without an FFT step are the parent's alone (overridden without {@code @Test}, so not run twice).
 */
class GpuAgainstCpuOwnFftTest extends GpuAgainstCpuTest {

  @Override
  Optional<FftKind> fftPath() {
    return Optional.of(FftKind.OWN);
  }

  @Override
  void projectorAndAdjointMatchTheCpu() {
    // No FFT step: run once, by GpuAgainstCpuTest.
  }

  @Override
  void mlemAndOsemMatchTheCpuAndTheLikelihoodNeverDecreases() {
    // No FFT step: run once, by GpuAgainstCpuTest.
  }
}
