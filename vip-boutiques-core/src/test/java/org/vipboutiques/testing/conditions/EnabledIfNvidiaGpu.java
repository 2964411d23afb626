package org.vipboutiques.testing.conditions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the class or method only where the real {@code nvidia-smi} is on the PATH and lists at
 * least one GPU; skipped, saying why, elsewhere, and failed instead where {@code VIPB_REQUIRE_GPU}
 * is set.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(NvidiaGpuCondition.class)
public @interface EnabledIfNvidiaGpu {}
