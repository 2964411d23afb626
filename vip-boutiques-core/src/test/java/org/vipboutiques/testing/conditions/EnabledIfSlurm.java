package org.vipboutiques.testing.conditions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the class or method only where a Slurm cluster answers (found as Slurm's commands find it:
 * {@code SLURM_CONF}, else {@code /etc/slurm/slurm.conf}) with at least {@link #nodes()} nodes up
 * and, if {@link #accounting()}, keeping accounting that {@code sacct} answers. Skipped, saying
 * why, elsewhere; failed instead where {@code VIPB_REQUIRE_SLURM} is set (the cluster),
 * {@code VIPB_REQUIRE_SLURM_ACCOUNTING} (accounting), or {@code VIPB_REQUIRE_SLURM_NODES} is at
 * least {@link #nodes()} (the nodes).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SlurmCondition.class)
public @interface EnabledIfSlurm {

  /** The nodes the test needs up at once (scripts/slurm-up.sh with VIPB_SLURM_NODES). */
  int nodes() default 1;

  /** Whether the test needs accounting (scripts/slurm-up.sh with VIPB_SLURM_ACCOUNTING=1). */
  boolean accounting() default false;
}
