package org.vipboutiques.recon.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vipboutiques.recon.backend.Backend;
import org.vipboutiques.recon.backend.BackendKind;
import org.vipboutiques.recon.backend.BackendSelector;
import org.vipboutiques.recon.backend.Timed;
import org.vipboutiques.recon.filter.FilterWindow;
import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.geometry.AngleSet;
import org.vipboutiques.recon.geometry.ConeBeamGeometry;
import org.vipboutiques.recon.geometry.DetectorRow;
import org.vipboutiques.recon.geometry.FlatDetector;
import org.vipboutiques.recon.geometry.ImageGrid;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.geometry.VolumeGrid;
import org.vipboutiques.recon.metrics.Comparison;
import org.vipboutiques.recon.metrics.Mask;
import org.vipboutiques.recon.mlem.EmParameters;
import org.vipboutiques.recon.mlem.EmResult;
import org.vipboutiques.recon.phantom.AnalyticKSpace;
import org.vipboutiques.recon.phantom.Contrast;
import org.vipboutiques.recon.phantom.Phantom2D;
import org.vipboutiques.recon.phantom.Phantom3D;
import org.vipboutiques.recon.phantom.PoissonNoise;
import org.vipboutiques.recon.phantom.SheppLogan;
import org.vipboutiques.recon.phantom.SyntheticCoils;
import org.vipboutiques.recon.volume.ComplexVolume;
import org.vipboutiques.recon.volume.Spacing;
import org.vipboutiques.recon.volume.TestVolumes;
import org.vipboutiques.recon.volume.Volume;

/**
 * The CUDA back end against the CPU back end on the same input (relative L2 difference at most 1e-4 in
 * float32) and against the exact phantoms, on a real GPU or on the CUDA emulator (the pom's cuda-emulator
 * execution); skipped where neither is usable ({@link EnabledIfCuda}). This class runs the FFT steps the
 * way the probe chose (cuFFT where it loads, as on the emulator); {@link GpuAgainstCpuOwnFftTest} runs the
 * same tests on the own FFT.
 */
@EnabledIfCuda
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GpuAgainstCpuTest {
  private static final double BAR = 1e-4;
  Backend gpu;
  private Backend cpu;
  private RampRows chunkedRamp;

  /** The FFT steps under test: empty for the probe's choice. */
  Optional<FftKind> fftPath() {
    return Optional.empty();
  }

  /** How FBP and FDK ramp-filter: empty for -Dvip.recon.rampFilter (auto unless set). */
  Optional<RampMethod> rampMethod() {
    return Optional.empty();
  }

  @BeforeAll
  void open() {
    if (CudaProbe.availability().usable()) {
      ProbeResult probe = CudaProbe.result();
      Optional<FftKind> kind = fftPath().or(probe::fft);
      RampMethod ramp = rampMethod().orElseGet(RampMethod::fromProperty);
      gpu = fftPath().isEmpty() && rampMethod().isEmpty() ? BackendSelector.open(BackendKind.CUDA)
          : new CudaBackend(probe.context().orElseThrow(), kind, ramp,
              "CUDA with " + kind.orElseThrow().label() + ", ramp filter by " + ramp.label());
      assertEquals(kind, ((CudaBackend) gpu).fftKind(), "the FFT path under test");
      chunkedRamp = new RampRows(probe.context().orElseThrow(),
          CudaProbe.open(probe.context().orElseThrow(), kind.orElseThrow()), ramp);
      cpu = BackendSelector.open(BackendKind.CPU);
    }
  }

  @AfterAll
  void close() {
    if (gpu != null) {
      gpu.close();
      chunkedRamp.close();
      cpu.close();
    }
  }

  private void close(Volume g, Volume c, String what) {
    double d = Comparison.relativeL2(g, c);
    assertTrue(d <= BAR, what + " (" + gpu.description() + "): GPU vs CPU relative L2 " + d);
  }

  @Test
  void fbp256From360MatchesTheCpuAndTheRoiBar() {
    ParallelBeamGeometry g = ParallelBeamGeometry.standard(256, 360, 2.0);
    Phantom2D phantom = SheppLogan.phantom2D(Contrast.ORIGINAL);
    Volume sinogram = phantom.sinogram(g);
    Volume onGpu = gpu.parallelBeam().filteredBackProjection(sinogram, g, RampFilter.ramLak());
    Volume onCpu = cpu.parallelBeam().filteredBackProjection(sinogram, g, RampFilter.ramLak());
    close(onGpu, onCpu, "FBP 256^2 / 360");
    Comparison roi = Comparison.of(onGpu, phantom.rasterize(g.image(), 8), Mask.inside(SheppLogan.brainRegion(0.9), g.image()));
    assertTrue(roi.rmse() <= 0.002, "GPU ROI " + roi);
    assertTrue(((Timed) gpu.parallelBeam()).lastTimings().isPresent(), "transfers are timed apart");
  }

  @Test
  void fbpStacksWindowsOffsetsAndOddGridsMatchTheCpu() {
    ImageGrid grid = new ImageGrid(77, 50, 0.03);
    ParallelBeamGeometry g = new ParallelBeamGeometry(grid, new DetectorRow(101, 0.025, 0.04), AngleSet.uniform(133, 0.2, -Math.PI));
    Volume sino = TestVolumes.gaussian(101, 133, 3, 1);
    for (FilterWindow w : FilterWindow.values()) {
      RampFilter f = new RampFilter(w, 0.85);
      close(gpu.parallelBeam().filteredBackProjection(sino, g, f), cpu.parallelBeam().filteredBackProjection(sino, g, f),
          "FBP " + w);
    }
  }

  @Test
  void stacksSpanningSeveralChunksMatchTheCpu() {
    ParallelBeamGeometry g = new ParallelBeamGeometry(new ImageGrid(40, 36, 0.05), new DetectorRow(57, 0.04, 0),
        AngleSet.uniform(45, 0, Math.PI));
    // A budget of two slices for the projector and back-projector (5 slices in chunks of 2, 2 and 1); FBP,
    // which needs more per slice, then runs one slice per chunk.
    long twoSlices = 2 * 4L * (g.views() * 57 + 40 * 36);
    CudaContext ctx = CudaProbe.result().context().orElseThrow();
    CudaParallelBeam chunked = new CudaParallelBeam(ctx, Optional.of(chunkedRamp), cpu.parallelBeam(), twoSlices);
    Volume sino = TestVolumes.gaussian(57, 45, 5, 7);
    Volume images = TestVolumes.gaussian(40, 36, 5, 8);
    close(chunked.filteredBackProjection(sino, g, RampFilter.ramLak()),
        cpu.parallelBeam().filteredBackProjection(sino, g, RampFilter.ramLak()), "FBP in chunks");
    close(chunked.project(images, g), cpu.parallelBeam().project(images, g), "projector in chunks");
    close(chunked.backProject(sino, g), cpu.parallelBeam().backProject(sino, g), "back-projector in chunks");
  }

  @Test
  void projectorAndAdjointMatchTheCpu() {
    ParallelBeamGeometry g = new ParallelBeamGeometry(new ImageGrid(90, 70, 1), new DetectorRow(120, 0.9, 1.3),
        AngleSet.of(0.1, 0.9, 1.5707963267948966, 2.4, 3.3, -0.7, 5.9));
    Volume x = TestVolumes.gaussian(90, 70, 2, 2);
    Volume y = TestVolumes.gaussian(120, 7, 2, 3);
    close(gpu.parallelBeam().project(x, g), cpu.parallelBeam().project(x, g), "projector");
    close(gpu.parallelBeam().backProject(y, g), cpu.parallelBeam().backProject(y, g), "back-projector");
  }

  @Test
  void fdkMatchesTheCpuAndThePhantom() {
    VolumeGrid grid = VolumeGrid.cube(64, 2.0);
    ConeBeamGeometry g = new ConeBeamGeometry(grid, new FlatDetector(96, 80, 0.0625, 0.0625), AngleSet.fullTurn(180), 4, 8);
    Phantom3D phantom = SheppLogan.phantom3D(Contrast.ORIGINAL);
    Volume p = phantom.coneBeamProjections(g);
    Volume onGpu = gpu.coneBeam().fdk(p, g, RampFilter.ramLak());
    close(onGpu, cpu.coneBeam().fdk(p, g, RampFilter.ramLak()), "FDK 64^3");
    Comparison mid = Comparison.of(onGpu, phantom.rasterize(grid, 4), Mask.inside(SheppLogan.brainRegion3D(0.9), grid, 0.25));
    assertTrue(mid.rmse() <= 0.005, "GPU mid-slab " + mid);
    // Fan beam: one row, one slice, and an odd grid.
    ConeBeamGeometry fan = new ConeBeamGeometry(new VolumeGrid(63, 41, 1, 0.04), new FlatDetector(150, 1, 0.05, 0.1),
        AngleSet.fullTurn(200), 3, 6);
    Volume fp = TestVolumes.gaussian(150, 1, 200, 4);
    close(gpu.coneBeam().fdk(fp, fan, RampFilter.ramLak()), cpu.coneBeam().fdk(fp, fan, RampFilter.ramLak()), "fan beam");
  }

  @Test
  void mriMatchesTheCpuAndTheAnalyticImage() {
    ImageGrid grid = ImageGrid.square(256, 2.0);
    Phantom2D phantom = SheppLogan.phantom2D(Contrast.ORIGINAL);
    SyntheticCoils coils = SyntheticCoils.of(8);
    ComplexVolume k = AnalyticKSpace.of(phantom, grid, coils);
    Volume onGpu = gpu.mri().rootSumOfSquares(k);
    close(onGpu, cpu.mri().rootSumOfSquares(k), "RSS 256^2 x 8");
    Comparison whole = Comparison.of(onGpu, AnalyticKSpace.rootSumOfSquaresTruth(phantom, grid, coils, 8), Mask.all(256, 256, 1));
    assertTrue(whole.nmse() <= 1e-3, "GPU NMSE " + whole);
    for (int[] s : new int[][] {{63, 48, 1, 3}, {20, 17, 15, 2}}) {
      ComplexVolume kk = ComplexVolume.zeros(s[0], s[1], s[2], s[3], Spacing.isotropic(1));
      Random r = new Random(5);
      for (int i = 0; i < kk.data().length; i++) {
        kk.data()[i] = (float) r.nextGaussian();
      }
      ComplexVolume a = gpu.mri().centredInverseFft(kk);
      ComplexVolume b = cpu.mri().centredInverseFft(kk);
      close(Volume.wrap(a.data().length, 1, 1, Spacing.isotropic(1), a.data()),
          Volume.wrap(b.data().length, 1, 1, Spacing.isotropic(1), b.data()), "centred IFFT " + s[0] + "x" + s[1] + "x" + s[2]);
      close(gpu.mri().rootSumOfSquares(kk), cpu.mri().rootSumOfSquares(kk), "RSS odd sizes");
    }
  }

  @Test
  void mlemAndOsemMatchTheCpuAndTheLikelihoodNeverDecreases() {
    ParallelBeamGeometry g = ParallelBeamGeometry.standard(64, 90, 64);
    Volume mean = SheppLogan.phantom2D(Contrast.ORIGINAL).scaled(32).sinogram(g);
    for (int i = 0; i < mean.size(); i++) {
      mean.data()[i] *= 20;
    }
    Volume counts = PoissonNoise.sample(mean, 9);
    EmResult onGpu = gpu.emission().reconstruct(counts, g, EmParameters.mlem(15));
    EmResult onCpu = cpu.emission().reconstruct(counts, g, EmParameters.mlem(15));
    close(onGpu.image(), onCpu.image(), "MLEM 15 iterations");
    List<Double> ll = onGpu.logLikelihood();
    for (int i = 1; i < ll.size(); i++) {
      assertTrue(ll.get(i) >= ll.get(i - 1), "GPU iteration " + i);
      assertEquals(onCpu.logLikelihood().get(i), ll.get(i), 1e-6 * Math.abs(ll.get(i)));
    }
    EmParameters osem = new EmParameters(3, 6, 0.5, true);
    close(gpu.emission().reconstruct(counts, g, osem).image(), cpu.emission().reconstruct(counts, g, osem).image(), "OSEM");
  }
}
