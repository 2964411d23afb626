package org.vipboutiques.recon.cuda;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the class or method only where a CUDA device is usable: a real GPU, or the CUDA emulator
 * (src/test/emulator, built with g++) in the pom's cuda-emulator execution. Skipped, saying why,
 * elsewhere; failed instead where VIPB_REQUIRE_CUDA_EMULATOR is set (in the emulator execution)
 * or VIPB_REQUIRE_GPU is set (in the plain one, on a GPU machine).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CudaCondition.class)
public @interface EnabledIfCuda {}
