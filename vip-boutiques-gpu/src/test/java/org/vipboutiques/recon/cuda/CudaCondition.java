package org.vipboutiques.recon.cuda;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.vipboutiques.testing.conditions.Probe;
import org.vipboutiques.testing.conditions.RequirementCondition;

final class CudaCondition extends RequirementCondition<EnabledIfCuda> {

  CudaCondition() {
    super(EnabledIfCuda.class);
  }

  @Override
  protected Probe probe(EnabledIfCuda annotation, ExtensionContext context) {
    return CudaRequirement.usable();
  }

  @Override
  protected Optional<String> requiredBy(EnabledIfCuda annotation, ExtensionContext context) {
    return CudaRequirement.requiredBy();
  }
}
