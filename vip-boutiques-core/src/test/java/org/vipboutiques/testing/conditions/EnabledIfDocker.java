package org.vipboutiques.testing.conditions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the class or method only where a Docker engine answers at {@link Docker#host()} and holds
 * the test image {@link Docker#testImage()}; skipped, saying why, elsewhere, and failed instead
 * where {@code VIPB_REQUIRE_DOCKER} is set.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DockerCondition.class)
public @interface EnabledIfDocker {}
