package org.vipboutiques.recon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vipboutiques.recon.geometry.ConeBeamGeometry;
import org.vipboutiques.recon.geometry.ImageGrid;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.geometry.VolumeGrid;
import org.vipboutiques.recon.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vip-recon phantom: the Shepp-Logan phantom and its exact sinogram, cone-beam projections and k-space. */
@Command(name = "phantom", mixinStandardHelpOptions = true,
    description = "Write the Shepp-Logan phantom (pixel averages of 8x8, or 4x4x4 in 3D, exact samples) and, "
        + "optionally, its exact parallel-beam sinogram (2D), cone-beam projections (3D) or multi-coil k-space.")
final class PhantomCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "NIFTI", description = "Phantom image (.nii or .nii.gz).")
  Path output;

  @Option(names = "--phantom", defaultValue = "shepp-logan", paramLabel = "NAME",
      description = "shepp-logan (original contrast) or shepp-logan-modified (Toft). Default: ${DEFAULT-VALUE}.")
  String phantom;

  @Option(names = "--dimension", defaultValue = "2", paramLabel = "2|3", description = "2D slice or 3D volume. Default: ${DEFAULT-VALUE}.")
  int dimension;

  @Option(names = "--size", defaultValue = "256", paramLabel = "N", description = "N x N pixels (N^3 voxels in 3D). Default: ${DEFAULT-VALUE}.")
  int size;

  @Option(names = "--fov", defaultValue = "256", paramLabel = "MM", description = "Field of view in mm (the phantom's unit disc). Default: ${DEFAULT-VALUE}.")
  double fov;

  @Mixin
  DatatypeOption datatype;

  @Option(names = "--sinogram", paramLabel = "NIFTI", description = "2D: also write the exact parallel-beam sinogram.")
  Optional<Path> sinogram;

  @Option(names = "--bins", defaultValue = "0", paramLabel = "N", description = "Detector bins of the sinogram (default: image size).")
  int bins;

  @Option(names = "--bin-spacing", defaultValue = "0", paramLabel = "MM", description = "Detector bin width (default: pixel size).")
  double binSpacing;

  @Option(names = "--projections", paramLabel = "NIFTI", description = "3D: also write exact cone-beam projections.")
  Optional<Path> projections;

  @Mixin
  ConeOptions cone;

  @Option(names = "--kspace", paramLabel = "NIFTI",
      description = "Also write exact Cartesian k-space (complex64; 2D: --coils coils, 3D: one coil).")
  Optional<Path> kspace;

  @Option(names = "--coils", defaultValue = "8", paramLabel = "C", description = "Coils of the 2D k-space. Default: ${DEFAULT-VALUE}.")
  int coils;

  @Mixin
  AngleOptions angles;

  @Mixin
  PreviewOptions preview;

  @Override
  public Integer call() {
    PhantomChoice choice = PhantomChoice.parse(phantom);
    PrintWriter out = spec.commandLine().getOut();
    if (dimension != 2 && dimension != 3) {
      throw new IllegalArgumentException("--dimension must be 2 or 3, got " + dimension);
    }
    if (dimension == 2) {
      if (projections.isPresent()) {
        throw new IllegalArgumentException("--projections needs --dimension 3 (cone beam); use --sinogram in 2D");
      }
      ImageGrid grid = ImageGrid.square(size, fov);
      Volume image = SyntheticData.truth2D(choice, grid);
      datatype.writeImage(output, image, "vip-recon phantom " + choice.cliName());
      preview.write(image);
      if (sinogram.isPresent()) {
        ParallelBeamGeometry g = SyntheticData.parallel(size, fov, angles.angles(360, 180), bins, binSpacing, 0);
        ImageFiles.writeSinogram(sinogram.get(), SyntheticData.sinogram(choice, g), g, "vip-recon exact sinogram");
        out.printf("sinogram: %d bins x %d views -> %s%n", g.bins(), g.views(), sinogram.get());
      }
      if (kspace.isPresent()) {
        ImageFiles.writeKSpace(kspace.get(), SyntheticData.kspace2D(choice, grid, coils), "vip-recon exact k-space");
        out.printf("k-space: %d x %d x %d coils -> %s%n", size, size, coils, kspace.get());
      }
    } else {
      if (sinogram.isPresent()) {
        throw new IllegalArgumentException("--sinogram needs --dimension 2; use --projections in 3D");
      }
      VolumeGrid grid = VolumeGrid.cube(size, fov);
      Volume volume = SyntheticData.truth3D(choice, grid);
      datatype.writeImage(output, volume, "vip-recon phantom3d " + choice.cliName());
      preview.write(volume);
      if (projections.isPresent()) {
        ConeBeamGeometry g = cone.geometry(size, fov, angles.angles(360, 360));
        ImageFiles.writeProjections(projections.get(), SyntheticData.projections(choice, g), g,
            "vip-recon exact cone-beam projections");
        out.printf("projections: %d x %d x %d views -> %s%n", g.detector().columns(), g.detector().rows(), g.views(),
            projections.get());
      }
      if (kspace.isPresent()) {
        ImageFiles.writeKSpace(kspace.get(), SyntheticData.kspace3D(choice, grid), "vip-recon exact k-space");
        out.printf("k-space: %d^3 x 1 coil -> %s%n", size, kspace.get());
      }
    }
    out.printf("phantom: %s %dD %d -> %s%n", choice.cliName(), dimension, size, output);
    return ExitCodes.OK;
  }
}
