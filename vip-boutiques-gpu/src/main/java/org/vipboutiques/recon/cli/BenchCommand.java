package org.vipboutiques.recon.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vipboutiques.recon.backend.Backend;
import org.vipboutiques.recon.backend.BackendKind;
import org.vipboutiques.recon.backend.BackendSelector;
import org.vipboutiques.recon.bench.BenchReport;
import org.vipboutiques.recon.bench.ReconBenchmarks;
import org.vipboutiques.recon.cuda.DeviceBandwidth;
import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.geometry.ConeBeamGeometry;
import org.vipboutiques.recon.metrics.Comparison;
import org.vipboutiques.recon.phantom.Contrast;
import org.vipboutiques.recon.phantom.SheppLogan;
import org.vipboutiques.recon.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * vip-recon bench: times the kernels on exact Shepp-Logan data and prints ms and GUPS. CPU: FBP 512^2 from
 * 720 views (against scikit-image iradon when Python has it), MRI 256^2 x 32 coils, MLEM iteration, FDK
 * 128^3. GPU, when usable: FBP 2048^2 from 1800 views, FDK 512^3 from 360 views, MRI 256^2 x 32 coils,
 * MLEM, each with transfers apart and the relative L2 difference from the CPU.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark the kernels on exact phantom data: median and best ms, GUPS, accuracy; "
        + "CPU always (unless --backend cuda), GPU when usable (unless --backend cpu).")
final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--backend", defaultValue = "auto", paramLabel = "auto|cpu|cuda",
      description = "auto: CPU, then GPU if usable; cpu or cuda: only that one. Default: ${DEFAULT-VALUE}.")
  String backend;

  @Option(names = "--repeats", defaultValue = "7", paramLabel = "N", description = "Timed runs per task (median reported). Default: ${DEFAULT-VALUE}.")
  int repeats;

  @Option(names = "--warmup", defaultValue = "3", paramLabel = "N", description = "Untimed runs first (JIT, caches). Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "PATH",
      description = "Python with scikit-image for the iradon comparison. Default: ${DEFAULT-VALUE}.")
  Path python;

  @Option(names = "--no-iradon", description = "Skip the scikit-image comparison.")
  boolean noIradon;

  @Option(names = "--quick", description = "Small sizes (a smoke test, not a benchmark).")
  boolean quick;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    BackendKind kind = BackendKind.parse(backend);
    out.printf("vip-recon bench: %d CPU cores, Java %s (%s); CUDA: %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), System.getProperty("java.vm.name"),
        BackendSelector.availability(BackendKind.CUDA).detail());
    BenchReport report = new BenchReport(out);
    ReconBenchmarks bench = new ReconBenchmarks(report, warmup, repeats);
    Optional<Path> iradon = noIradon || quick || !Files.isExecutable(python) ? Optional.empty() : Optional.of(python);
    if (kind != BackendKind.CUDA) {
      try (Backend cpu = BackendSelector.open(BackendKind.CPU)) {
        bench.fbp(cpu, quick ? 64 : 512, quick ? 90 : 720, iradon);
        bench.mri(cpu, quick ? 64 : 256, quick ? 4 : 32, Optional.empty());
        bench.mlem(cpu, quick ? 64 : 256, quick ? 60 : 180, quick ? 2 : 10);
        bench.fdk(cpu, quick ? 32 : 128, quick ? 60 : 180);
      }
    }
    if (kind != BackendKind.CPU) {
      if (!BackendSelector.availability(BackendKind.CUDA).usable()) {
        report.note("GPU benchmarks skipped: " + BackendSelector.availability(BackendKind.CUDA).detail());
        return kind == BackendKind.CUDA ? ExitCodes.FAILURE : ExitCodes.OK;
      }
      try (Backend gpu = BackendSelector.open(BackendKind.CUDA); Backend cpu = BackendSelector.open(BackendKind.CPU)) {
        Optional<Double> bandwidth = DeviceBandwidth.measure();
        bandwidth.ifPresent(bw -> report.note(String.format("device copy bandwidth: %.0f GB/s", bw)));
        int fbpN = quick ? 128 : 2048;
        int fbpViews = quick ? 180 : 1800;
        Volume gpuFbp = bench.fbp(gpu, fbpN, fbpViews, Optional.empty());
        Volume cpuFbp = new ReconBenchmarks(new BenchReport(out), 0, 1).fbp(cpu, fbpN, fbpViews, Optional.empty());
        report.note(String.format("GPU vs CPU FBP %d^2: relative L2 difference %.2e", fbpN,
            Comparison.relativeL2(gpuFbp, cpuFbp)));
        bench.fdk(gpu, quick ? 32 : 512, quick ? 60 : 360);
        int small = quick ? 32 : 128;
        report.note(String.format("GPU vs CPU FDK %d^3: relative L2 difference %.2e", small, Comparison.relativeL2(
            quietFdk(gpu, small), quietFdk(cpu, small))));
        Volume gpuMri = bench.mri(gpu, quick ? 64 : 256, quick ? 4 : 32, bandwidth);
        Volume cpuMri = new ReconBenchmarks(new BenchReport(out), 0, 1).mri(cpu, quick ? 64 : 256, quick ? 4 : 32,
            Optional.empty());
        report.note(String.format("GPU vs CPU MRI: relative L2 difference %.2e", Comparison.relativeL2(gpuMri, cpuMri)));
        bench.mlem(gpu, quick ? 64 : 256, quick ? 60 : 180, quick ? 2 : 10);
      }
    }
    return ExitCodes.OK;
  }

  /** FDK of the benchmark set-up without timing, to compare back ends. */
  private static Volume quietFdk(Backend b, int n) {
    ConeBeamGeometry g = ReconBenchmarks.coneGeometry(n, 180);
    Volume p = SheppLogan.phantom3D(Contrast.ORIGINAL).scaled(n / 2.0).coneBeamProjections(g);
    return b.coneBeam().fdk(p, g, RampFilter.ramLak());
  }
}
