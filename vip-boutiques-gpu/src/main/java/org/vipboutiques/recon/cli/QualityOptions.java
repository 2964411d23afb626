package org.vipboutiques.recon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.vipboutiques.recon.geometry.ImageGrid;
import org.vipboutiques.recon.geometry.VolumeGrid;
import org.vipboutiques.recon.metrics.Comparison;
import org.vipboutiques.recon.metrics.Mask;
import org.vipboutiques.recon.nifti.NiftiReader;
import org.vipboutiques.recon.phantom.SheppLogan;
import org.vipboutiques.recon.volume.Volume;
import picocli.CommandLine.Option;

/**
 * Optional comparison of the result with a reference image, and pass/fail bounds that turn into exit
 * status 3: what the Boutiques descriptors' tests use as tolerance checks.
 */
final class QualityOptions {
  @Option(names = "--reference", paramLabel = "NIFTI",
      description = "Reference image to compare the result with (with --phantom, the exact phantom is used).")
  Optional<Path> reference;

  @Option(names = "--roi", defaultValue = "brain", paramLabel = "brain|all",
      description = "Region of the comparison: brain (the Shepp-Logan brain ellipse shrunk by 0.9, away from the "
          + "skull edge) or all. Default: ${DEFAULT-VALUE}.")
  String roi;

  @Option(names = "--max-rmse", paramLabel = "X", description = "Exit with status 3 if the RMSE in the region exceeds X.")
  Optional<Double> maxRmse;

  @Option(names = "--max-nmse", paramLabel = "X", description = "Exit with status 3 if the NMSE in the region exceeds X.")
  Optional<Double> maxNmse;

  /**
   * Compares {@code result} with the reference file or else {@code truth}, prints the errors and returns
   * the exit status. {@code volumetric} selects the 3D brain ellipsoid instead of the per-slice ellipse.
   */
  int check(Volume result, Optional<Volume> truth, boolean volumetric, PrintWriter out) {
    Optional<Volume> ref = reference.map(p -> NiftiReader.read(p).toVolume()).or(() -> truth);
    if (ref.isEmpty()) {
      if (maxRmse.isPresent() || maxNmse.isPresent()) {
        throw new IllegalArgumentException("--max-rmse and --max-nmse need --reference or --phantom");
      }
      return ExitCodes.OK;
    }
    if (!ref.get().sameShape(result)) {
      throw new IllegalArgumentException("reference " + ref.get() + " and result " + result + " differ in shape");
    }
    Comparison c = Comparison.of(result, ref.get(), mask(result, volumetric));
    out.printf(Locale.ROOT, "quality (%s): %s%n", roi, c);
    boolean rmseOk = maxRmse.map(m -> c.rmse() <= m).orElse(true);
    boolean nmseOk = maxNmse.map(m -> c.nmse() <= m).orElse(true);
    if (!rmseOk) {
      out.printf(Locale.ROOT, "quality check failed: RMSE %.4g > %.4g%n", c.rmse(), maxRmse.get());
    }
    if (!nmseOk) {
      out.printf(Locale.ROOT, "quality check failed: NMSE %.4g > %.4g%n", c.nmse(), maxNmse.get());
    }
    return rmseOk && nmseOk ? ExitCodes.OK : ExitCodes.QUALITY;
  }

  private Mask mask(Volume v, boolean volumetric) {
    switch (roi.toLowerCase(Locale.ROOT)) {
      case "all":
        return Mask.all(v.nx(), v.ny(), v.nz());
      case "brain":
        double h = v.spacing().dx();
        double radius = v.nx() * h / 2;
        if (volumetric) {
          return Mask.inside(SheppLogan.brainRegion3D(0.9).scaled(radius), new VolumeGrid(v.nx(), v.ny(), v.nz(), h),
              Double.POSITIVE_INFINITY);
        }
        return Mask.stack(Mask.inside(SheppLogan.brainRegion(0.9).scaled(radius), new ImageGrid(v.nx(), v.ny(), h)),
            v.nz());
      default:
        throw new IllegalArgumentException("unknown --roi '" + roi + "' (expected brain or all)");
    }
  }
}
