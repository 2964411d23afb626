package org.vipboutiques.recon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vipboutiques.recon.backend.Backend;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.mlem.EmParameters;
import org.vipboutiques.recon.mlem.EmResult;
import org.vipboutiques.recon.phantom.PoissonNoise;
import org.vipboutiques.recon.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vip-recon mlem: MLEM / OSEM reconstruction of emission counts with the parallel-beam projector. */
@Command(name = "mlem", mixinStandardHelpOptions = true,
    description = "MLEM (one subset) or OSEM reconstruction of Poisson counts (bins x views x slices).")
final class MlemCommand implements Callable<Integer> {
  /** Relative slack of the monotonicity check: float32 projections round at about 1e-7 of the likelihood. */
  static final double MONOTONE_SLACK = 1e-9;

  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "NIFTI", description = "Reconstructed activity.")
  Path output;

  @Option(names = "--iterations", defaultValue = "20", paramLabel = "N", description = "Full passes over the data. Default: ${DEFAULT-VALUE}.")
  int iterations;

  @Option(names = "--subsets", defaultValue = "1", paramLabel = "S", description = "OSEM subsets of interleaved views (1 = MLEM). Default: ${DEFAULT-VALUE}.")
  int subsets;

  @Option(names = "--background", defaultValue = "0", paramLabel = "B", description = "Known additive background per bin. Default: ${DEFAULT-VALUE}.")
  double background;

  @Option(names = "--likelihood", paramLabel = "TSV", description = "Write the Poisson log-likelihood of each iterate (iteration<TAB>value).")
  Optional<Path> likelihoodFile;

  @Option(names = "--require-monotone",
      description = "Exit with status 3 if the log-likelihood ever decreases (a property of MLEM, not of OSEM).")
  boolean requireMonotone;

  @Option(names = "--size", defaultValue = "128", paramLabel = "N", description = "With --phantom: image size. Default: ${DEFAULT-VALUE}.")
  int size;

  @Option(names = "--counts", defaultValue = "1e6", paramLabel = "TOTAL", description = "With --phantom: expected total counts. Default: ${DEFAULT-VALUE}.")
  double counts;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "With --phantom: seed of the Poisson draws. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Mixin
  DatatypeOption datatype;

  @Mixin
  AngleOptions angles;

  @Mixin
  BackendOption backend;

  @Mixin
  PreviewOptions preview;

  @Mixin
  QualityOptions quality;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<PhantomChoice> phantom = input.phantomChoice();
    EmParameters parameters = new EmParameters(iterations, subsets, background, likelihoodFile.isPresent() || requireMonotone);
    EmResult result;
    Optional<Volume> truth = Optional.empty();
    try (Backend b = backend.open()) {
      Volume data;
      ParallelBeamGeometry g;
      float scale = 1;
      if (phantom.isPresent()) {
        g = SyntheticData.parallel(size, input.fov, angles.angles(180, 180), 0, 0, 0);
        Volume activity = SyntheticData.truth2D(phantom.get(), g.image());
        truth = Optional.of(activity);
        Volume mean = b.parallelBeam().project(activity, g);
        double total = 0;
        for (float v : mean.data()) {
          total += v;
        }
        scale = (float) (counts / total);
        float[] m = mean.data();
        for (int i = 0; i < m.length; i++) {
          m[i] = Math.max(0f, m[i] * scale) + (float) background;
        }
        data = PoissonNoise.sample(mean, seed);
      } else {
        SinogramInput in = SinogramInput.read(input.file(), angles, 0, 0, Optional.empty(), false);
        data = in.data();
        g = in.geometry();
      }
      long t0 = System.nanoTime();
      result = b.emission().reconstruct(data, g, parameters);
      out.printf(Locale.ROOT, "mlem: %dx%d x %d slice(s), %d iteration(s) x %d subset(s) on %s in %s%n", g.image().nx(),
          g.image().ny(), data.nz(), iterations, subsets, b.description(),
          Timing.describe(b.emission(), System.nanoTime() - t0));
      if (scale != 1) {
        // Back to the phantom's activity units, so that the result compares with the phantom.
        float[] x = result.image().data();
        for (int i = 0; i < x.length; i++) {
          x[i] /= scale;
        }
      }
    }
    datatype.writeImage(output, result.image(), "vip-recon mlem");
    preview.write(result.image());
    List<Double> ll = result.logLikelihood();
    likelihoodFile.ifPresent(p -> writeLikelihood(p, ll));
    int status = quality.check(result.image(), truth, false, out);
    if (requireMonotone) {
      for (int i = 1; i < ll.size(); i++) {
        if (ll.get(i) < ll.get(i - 1) - MONOTONE_SLACK * Math.abs(ll.get(i - 1))) {
          out.printf(Locale.ROOT, "quality check failed: log-likelihood decreased from %.10g to %.10g at iteration %d%n",
              ll.get(i - 1), ll.get(i), i);
          return ExitCodes.QUALITY;
        }
      }
      out.printf(Locale.ROOT, "log-likelihood non-decreasing over %d iterates: %.10g -> %.10g%n", ll.size(), ll.get(0),
          ll.get(ll.size() - 1));
    }
    return status;
  }

  private static void writeLikelihood(Path path, List<Double> ll) {
    StringBuilder sb = new StringBuilder("iteration\tlog_likelihood\n");
    for (int i = 0; i < ll.size(); i++) {
      sb.append(i).append('\t').append(String.format(Locale.ROOT, "%.12g", ll.get(i))).append('\n');
    }
    try {
      Files.writeString(path, sb.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }
}
