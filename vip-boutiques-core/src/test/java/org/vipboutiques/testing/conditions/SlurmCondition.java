package org.vipboutiques.testing.conditions;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

final class SlurmCondition extends RequirementCondition<EnabledIfSlurm> {

  SlurmCondition() {
    super(EnabledIfSlurm.class);
  }

  @Override
  protected Probe probe(EnabledIfSlurm annotation, ExtensionContext context) {
    Probe cluster = Slurm.probe();
    if (!cluster.present()) {
      return cluster;
    }
    if (Slurm.nodesUp() < annotation.nodes()) {
      return Probe.absent("the Slurm cluster has " + Slurm.nodesUp() + " node(s) up, not " + annotation.nodes()
          + ": run VIPB_SLURM_NODES=" + annotation.nodes() + " scripts/slurm-up.sh");
    }
    if (annotation.accounting()) {
      return Slurm.accounting();
    }
    return cluster;
  }

  @Override
  protected Optional<String> requiredBy(EnabledIfSlurm annotation, ExtensionContext context) {
    if (!Slurm.probe().present()) {
      return RequiredBy.isSet(Slurm.REQUIRED_BY) ? Optional.of(Slurm.REQUIRED_BY) : Optional.empty();
    }
    if (Slurm.nodesUp() < annotation.nodes()) {
      return RequiredBy.number(Slurm.REQUIRED_NODES_BY) >= annotation.nodes()
          ? Optional.of(Slurm.REQUIRED_NODES_BY) : Optional.empty();
    }
    return RequiredBy.isSet(Slurm.REQUIRED_ACCOUNTING_BY) ? Optional.of(Slurm.REQUIRED_ACCOUNTING_BY)
        : Optional.empty();
  }
}
