package org.vipboutiques.testing.conditions;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

final class DockerCondition extends RequirementCondition<EnabledIfDocker> {

  static final String REQUIRED_BY = "VIPB_REQUIRE_DOCKER";

  DockerCondition() {
    super(EnabledIfDocker.class);
  }

  @Override
  protected Probe probe(EnabledIfDocker annotation, ExtensionContext context) {
    return Docker.probe();
  }

  @Override
  protected Optional<String> requiredBy(EnabledIfDocker annotation, ExtensionContext context) {
    return RequiredBy.isSet(REQUIRED_BY) ? Optional.of(REQUIRED_BY) : Optional.empty();
  }
}
