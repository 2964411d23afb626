package org.vipboutiques.recon.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.vipboutiques.recon.backend.Backend;
import org.vipboutiques.recon.backend.BackendKind;
import org.vipboutiques.recon.backend.BackendSelector;
import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.metrics.Comparison;
import org.vipboutiques.recon.phantom.Contrast;
import org.vipboutiques.recon.phantom.SheppLogan;
import org.vipboutiques.recon.volume.Volume;

/**
 * A machine of today: a CUDA driver and device but no libcufft.so.10. The pom's cuda-emulator-no-cufft
 * execution runs this class in a JVM whose LD_LIBRARY_PATH holds the emulated driver and no cuFFT. The
 * CUDA back end must still be chosen, with every kernel on the GPU and the own FFT, and say why cuFFT is
 * not used.
 */
@EnabledIfSystemProperty(named = "vip.recon.expectNoCufft", matches = "true")
@EnabledIfCudaEmulator
class CudaWithoutCufftTest {

  @Test
  void everyKernelRunsOnTheGpuWithTheOwnFftAndTheProbeSaysWhyNotCufft() {
    String detail = CudaProbe.availability().detail();
    assertTrue(CudaProbe.availability().usable(), detail);
    assertEquals(Optional.of(FftKind.OWN), CudaProbe.result().fft(), detail);
    assertTrue(detail.contains("on the GPU: FBP, FDK and MRI with the own FFT"), detail);
    assertTrue(detail.contains("cuFFT not usable: libcufft.so.10"), detail);
    assertTrue(detail.contains("projector, back-projector and MLEM/OSEM"), detail);
    ParallelBeamGeometry g = ParallelBeamGeometry.standard(64, 90, 2.0);
    Volume sinogram = SheppLogan.phantom2D(Contrast.ORIGINAL).sinogram(g);
    try (Backend auto = BackendSelector.open(BackendKind.AUTO); Backend cpu = BackendSelector.open(BackendKind.CPU)) {
      assertEquals(BackendKind.CUDA, auto.kind(), auto.description());
      assertTrue(auto.parallelBeam() instanceof CudaParallelBeam, "FBP on the GPU");
      assertTrue(auto.coneBeam() instanceof CudaConeBeam, "FDK on the GPU");
      assertTrue(auto.mri() instanceof CudaCartesianMri, "MRI on the GPU");
      double d = Comparison.relativeL2(auto.parallelBeam().filteredBackProjection(sinogram, g, RampFilter.ramLak()),
          cpu.parallelBeam().filteredBackProjection(sinogram, g, RampFilter.ramLak()));
      assertTrue(d <= 1e-4, "FBP GPU (own FFT) vs CPU relative L2 " + d);
    }
  }
}
