package org.vipboutiques.recon.cuda;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.vipboutiques.testing.conditions.Probe;
import org.vipboutiques.testing.conditions.RequirementCondition;

final class CudaEmulatorCondition extends RequirementCondition<EnabledIfCudaEmulator> {

  CudaEmulatorCondition() {
    super(EnabledIfCudaEmulator.class);
  }

  @Override
  protected Probe probe(EnabledIfCudaEmulator annotation, ExtensionContext context) {
    return CudaRequirement.emulator();
  }

  /** Only the emulator execution requires the emulator; a real GPU is never it. */
  @Override
  protected Optional<String> requiredBy(EnabledIfCudaEmulator annotation, ExtensionContext context) {
    return CudaRequirement.emulatorFolder().isPresent() ? CudaRequirement.requiredBy() : Optional.empty();
  }
}
