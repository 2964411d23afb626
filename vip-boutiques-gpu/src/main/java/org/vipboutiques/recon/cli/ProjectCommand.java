package org.vipboutiques.recon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vipboutiques.recon.backend.Backend;
import org.vipboutiques.recon.geometry.DetectorRow;
import org.vipboutiques.recon.geometry.ImageGrid;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.nifti.NiftiReader;
import org.vipboutiques.recon.phantom.PoissonNoise;
import org.vipboutiques.recon.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vip-recon project: parallel-beam forward projection of images, optionally as Poisson counts. */
@Command(name = "project", mixinStandardHelpOptions = true,
    description = "Parallel-beam projection of images (each pixel spread over the two nearest bins), "
        + "optionally scaled to a total count and drawn as Poisson emission data.")
final class ProjectCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "NIFTI", description = "Sinogram(s): bins x views x slices.")
  Path output;

  @Option(names = "--size", defaultValue = "256", paramLabel = "N", description = "With --phantom: image size. Default: ${DEFAULT-VALUE}.")
  int size;

  @Option(names = "--bins", defaultValue = "0", paramLabel = "N", description = "Detector bins (default: image width in pixels).")
  int bins;

  @Option(names = "--bin-spacing", defaultValue = "0", paramLabel = "MM", description = "Bin width (default: pixel size).")
  double binSpacing;

  @Option(names = "--detector-offset", defaultValue = "0", paramLabel = "MM", description = "Rotation axis position on the detector.")
  double detectorOffset;

  @Option(names = "--counts", paramLabel = "TOTAL",
      description = "Scale the projections to this total and draw Poisson counts (emission data for mlem).")
  Optional<Double> counts;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the Poisson draws. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Mixin
  AngleOptions angles;

  @Mixin
  BackendOption backend;

  @Mixin
  PreviewOptions preview;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<PhantomChoice> phantom = input.phantomChoice();
    Volume image;
    double imageFov;
    if (phantom.isPresent()) {
      image = SyntheticData.truth2D(phantom.get(), ImageGrid.square(size, input.fov));
      imageFov = input.fov;
    } else {
      image = NiftiReader.read(input.file()).toVolume();
      if (Math.abs(image.spacing().dx() - image.spacing().dy()) > 1e-6 * image.spacing().dx()) {
        throw new IllegalArgumentException("the projector needs square pixels, got " + image.spacing());
      }
      imageFov = image.nx() * image.spacing().dx();
    }
    ParallelBeamGeometry g = new ParallelBeamGeometry(
        new ImageGrid(image.nx(), image.ny(), imageFov / image.nx()),
        new DetectorRow(bins > 0 ? bins : image.nx(),
            binSpacing > 0 ? binSpacing : imageFov / image.nx(), detectorOffset),
        angles.angles(360, 180));
    Volume sinogram;
    try (Backend b = backend.open()) {
      long t0 = System.nanoTime();
      sinogram = b.parallelBeam().project(image, g);
      out.printf("project: %dx%d x %d slice(s) to %d views x %d bins on %s in %s%n", image.nx(), image.ny(), image.nz(),
          g.views(), g.bins(), b.description(), Timing.describe(b.parallelBeam(), System.nanoTime() - t0));
    }
    String what = "vip-recon projection";
    if (counts.isPresent()) {
      double total = 0;
      for (float v : sinogram.data()) {
        total += v;
      }
      if (!(total > 0)) {
        throw new IllegalArgumentException("the projections sum to " + total + ": nothing to draw counts from");
      }
      float scale = (float) (counts.get() / total);
      float[] d = sinogram.data();
      for (int i = 0; i < d.length; i++) {
        d[i] = Math.max(0f, d[i] * scale);
      }
      sinogram = PoissonNoise.sample(sinogram, seed);
      what = "vip-recon Poisson counts";
      out.printf("counts: mean total %.6g, scale %.6g per unit, seed %d%n", counts.get(), scale, seed);
    }
    ImageFiles.writeSinogram(output, sinogram, g, what);
    preview.write(sinogram);
    return ExitCodes.OK;
  }
}
