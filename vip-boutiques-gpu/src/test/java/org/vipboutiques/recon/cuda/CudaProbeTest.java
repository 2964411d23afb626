package org.vipboutiques.recon.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The probe's one-line account of which kernels run on the GPU (no device needed). */
class CudaProbeTest {

  @Test
  void theLineNamesTheFftAndWhyCufftIsNotUsed() {
    assertEquals("on the GPU: FBP, FDK and MRI with cuFFT, projector, back-projector and MLEM/OSEM",
        CudaProbe.kernels(Optional.of(FftKind.CUFFT), List.of()));
    assertEquals("on the GPU: FBP, FDK and MRI with the own FFT (cuFFT not usable: libcufft.so.10 (CUDA 11.x cuFFT,"
        + " which JCufft 11.8.0 needs) not found on LD_LIBRARY_PATH), projector, back-projector and MLEM/OSEM",
        CudaProbe.kernels(Optional.of(FftKind.OWN), List.of("cuFFT not usable: " + CudaProbe.explain("loading cuFFT",
            new UnsatisfiedLinkError("libcufft.so.10: cannot open shared object file")))));
  }

  @Test
  void withoutAnyFftOnlyTheFftKernelsGoToTheCpu() {
    assertEquals("on the GPU: projector, back-projector and MLEM/OSEM; on the CPU: FBP, FDK and MRI, no FFT on the"
        + " GPU (cuFFT not usable: x; the own FFT not usable: y)",
        CudaProbe.kernels(Optional.empty(), List.of("cuFFT not usable: x", "the own FFT not usable: y")));
  }
}
