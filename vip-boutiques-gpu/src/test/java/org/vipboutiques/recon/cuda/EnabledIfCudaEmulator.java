package org.vipboutiques.recon.cuda;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the class or method only where the usable CUDA device is the CUDA emulator (the pom's
 * cuda-emulator execution, g++ present). Skipped, saying why, elsewhere; failed instead in the
 * emulator execution where VIPB_REQUIRE_CUDA_EMULATOR is set.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CudaEmulatorCondition.class)
public @interface EnabledIfCudaEmulator {}
