package org.vipboutiques.testing.conditions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the class or method only where the {@code podman} command is on the PATH and a Podman
 * service answers at {@link Podman#host()} with the test image; skipped, saying why, elsewhere, and
 * failed instead where {@code VIPB_REQUIRE_PODMAN} is set.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PodmanCondition.class)
public @interface EnabledIfPodman {}
