package org.vipboutiques.recon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vipboutiques.recon.backend.Backend;
import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vip-recon fbp: parallel-beam filtered back-projection of a sinogram (or a stack of them). */
@Command(name = "fbp", mixinStandardHelpOptions = true,
    description = "Parallel-beam filtered back-projection of sinograms (bins x views x slices).")
final class FbpCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "NIFTI", description = "Reconstructed image(s).")
  Path output;

  @Option(names = "--size", defaultValue = "0", paramLabel = "N",
      description = "Image size N x N (default: from the sinogram's geometry, else its bin count; 256 with --phantom).")
  int size;

  @Option(names = "--pixel", defaultValue = "0", paramLabel = "MM", description = "Pixel size (default: FOV / size).")
  double pixel;

  @Option(names = "--bins", defaultValue = "0", paramLabel = "N", description = "With --phantom: detector bins (default: size).")
  int bins;

  @Mixin
  FilterOptions filter;

  @Option(names = "--detector-offset", paramLabel = "MM", description = "Position of the rotation axis on the detector, from its centre.")
  Optional<Double> detectorOffset;

  @Option(names = "--flip-detector", description = "The detector axis runs the other way (reverse the bins).")
  boolean flipDetector;

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
    RampFilter ramp = filter.ramp();
    Volume sinogram;
    ParallelBeamGeometry g;
    Optional<Volume> truth = Optional.empty();
    if (phantom.isPresent()) {
      int n = size > 0 ? size : 256;
      g = SyntheticData.parallel(n, input.fov, angles.angles(360, 180), bins, 0, detectorOffset.orElse(0.0));
      sinogram = SyntheticData.sinogram(phantom.get(), g);
      truth = Optional.of(SyntheticData.truth2D(phantom.get(), g.image()));
    } else {
      SinogramInput in = SinogramInput.read(input.file(), angles, size, pixel, detectorOffset, flipDetector);
      sinogram = in.data();
      g = in.geometry();
    }
    Volume image;
    try (Backend b = backend.open()) {
      long t0 = System.nanoTime();
      image = b.parallelBeam().filteredBackProjection(sinogram, g, ramp);
      out.printf("fbp: %dx%d x %d slice(s) from %d views x %d bins, %s %s, on %s in %s%n", g.image().nx(), g.image().ny(),
          image.nz(), g.views(), g.bins(), ramp.window().cliName(), ramp.cutoff(), b.description(),
          Timing.describe(b.parallelBeam(), System.nanoTime() - t0));
    }
    datatype.writeImage(output, image, "vip-recon fbp " + ramp.window().cliName());
    preview.write(image);
    return quality.check(image, truth, false, out);
  }
}
