package org.vipboutiques.recon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vipboutiques.recon.backend.Backend;
import org.vipboutiques.recon.geometry.ImageGrid;
import org.vipboutiques.recon.geometry.VolumeGrid;
import org.vipboutiques.recon.nifti.NiftiReader;
import org.vipboutiques.recon.volume.ComplexVolume;
import org.vipboutiques.recon.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vip-recon mri: Cartesian MRI, centred inverse FFT per coil and root-sum-of-squares. */
@Command(name = "mri", mixinStandardHelpOptions = true,
    description = "Fully sampled Cartesian MRI: centred orthonormal inverse FFT (2D or 3D) of each coil and "
        + "root-sum-of-squares coil combination. Input: complex64 NIfTI, x y z coil, k = 0 at index n/2.")
final class MriCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "NIFTI", description = "Root-sum-of-squares image.")
  Path output;

  @Option(names = "--dimension", defaultValue = "2", paramLabel = "2|3", description = "With --phantom: 2D multi-coil or 3D single coil. Default: ${DEFAULT-VALUE}.")
  int dimension;

  @Option(names = "--size", defaultValue = "256", paramLabel = "N", description = "With --phantom: matrix size. Default: ${DEFAULT-VALUE}.")
  int size;

  @Option(names = "--coils", defaultValue = "8", paramLabel = "C", description = "With --phantom in 2D: coils. Default: ${DEFAULT-VALUE}.")
  int coils;

  @Mixin
  DatatypeOption datatype;

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
    ComplexVolume k;
    Optional<Volume> truth = Optional.empty();
    if (phantom.isPresent()) {
      if (dimension == 2) {
        ImageGrid grid = ImageGrid.square(size, input.fov);
        k = SyntheticData.kspace2D(phantom.get(), grid, coils);
        truth = Optional.of(SyntheticData.rss2D(phantom.get(), grid, coils));
      } else if (dimension == 3) {
        VolumeGrid grid = VolumeGrid.cube(size, input.fov);
        k = SyntheticData.kspace3D(phantom.get(), grid);
        truth = Optional.of(SyntheticData.truth3D(phantom.get(), grid));
      } else {
        throw new IllegalArgumentException("--dimension must be 2 or 3, got " + dimension);
      }
    } else {
      k = NiftiReader.read(input.file()).toComplexVolume();
    }
    Volume image;
    try (Backend b = backend.open()) {
      long t0 = System.nanoTime();
      image = b.mri().rootSumOfSquares(k);
      out.printf("mri: %dx%dx%d x %d coil(s) on %s in %s%n", k.nx(), k.ny(), k.nz(), k.channels(), b.description(),
          Timing.describe(b.mri(), System.nanoTime() - t0));
    }
    datatype.writeImage(output, image, "vip-recon mri rss");
    preview.write(image);
    return quality.check(image, truth, k.nz() > 1, out);
  }
}
