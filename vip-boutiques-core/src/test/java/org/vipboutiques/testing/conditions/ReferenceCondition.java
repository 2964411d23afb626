package org.vipboutiques.testing.conditions;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

final class ReferenceCondition extends RequirementCondition<EnabledIfReference> {

  static final String REQUIRED_BY = "VIPB_REQUIRE_REFERENCE";

  ReferenceCondition() {
    super(EnabledIfReference.class);
  }

  @Override
  protected Probe probe(EnabledIfReference annotation, ExtensionContext context) {
    return Reference.probe();
  }

  @Override
  protected Optional<String> requiredBy(EnabledIfReference annotation, ExtensionContext context) {
    return RequiredBy.isSet(REQUIRED_BY) ? Optional.of(REQUIRED_BY) : Optional.empty();
  }
}
