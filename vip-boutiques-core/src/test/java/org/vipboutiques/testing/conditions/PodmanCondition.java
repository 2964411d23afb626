package org.vipboutiques.testing.conditions;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

final class PodmanCondition extends RequirementCondition<EnabledIfPodman> {

  static final String REQUIRED_BY = "VIPB_REQUIRE_PODMAN";

  PodmanCondition() {
    super(EnabledIfPodman.class);
  }

  @Override
  protected Probe probe(EnabledIfPodman annotation, ExtensionContext context) {
    return Podman.probe();
  }

  @Override
  protected Optional<String> requiredBy(EnabledIfPodman annotation, ExtensionContext context) {
    return RequiredBy.isSet(REQUIRED_BY) ? Optional.of(REQUIRED_BY) : Optional.empty();
  }
}
