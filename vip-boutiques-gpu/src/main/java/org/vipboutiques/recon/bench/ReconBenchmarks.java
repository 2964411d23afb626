package org.vipboutiques.recon.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vipboutiques.recon.backend.Backend;
import org.vipboutiques.recon.backend.StageTimings;
import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.geometry.AngleSet;
import org.vipboutiques.recon.geometry.ConeBeamGeometry;
import org.vipboutiques.recon.geometry.FlatDetector;
import org.vipboutiques.recon.geometry.ImageGrid;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.geometry.VolumeGrid;
import org.vipboutiques.recon.metrics.Comparison;
import org.vipboutiques.recon.metrics.Mask;
import org.vipboutiques.recon.mlem.EmParameters;
import org.vipboutiques.recon.phantom.AnalyticKSpace;
import org.vipboutiques.recon.phantom.Contrast;
import org.vipboutiques.recon.phantom.Phantom2D;
import org.vipboutiques.recon.phantom.Phantom3D;
import org.vipboutiques.recon.phantom.SheppLogan;
import org.vipboutiques.recon.phantom.SyntheticCoils;
import org.vipboutiques.recon.volume.ComplexVolume;
import org.vipboutiques.recon.volume.Volume;

/**
 * The benchmark suite behind {@code vip-recon bench}: exact Shepp-Logan inputs (unit pixels), timed
 * after warm-up, each result scored against the exact phantom so that speed is never bought with
 * accuracy.
 */
public final class ReconBenchmarks {
  private static final Contrast CONTRAST = Contrast.ORIGINAL;

  private final BenchReport report;
  private final int warmup;
  private final int repeats;

  public ReconBenchmarks(BenchReport report, int warmup, int repeats) {
    if (warmup < 0 || repeats < 1) {
      throw new IllegalArgumentException("warm-up must be >= 0 and repeats >= 1");
    }
    this.report = report;
    this.warmup = warmup;
    this.repeats = repeats;
  }

  /** Parallel-beam FBP of an n^2 image from {@code views} exact views; returns the image of the last run. */
  public Volume fbp(Backend backend, int n, int views, Optional<Path> iradonPython) {
    ParallelBeamGeometry g = ParallelBeamGeometry.standard(n, views, n);
    Phantom2D phantom = SheppLogan.phantom2D(CONTRAST).scaled(n / 2.0);
    Volume sinogram = phantom.sinogram(g);
    Volume truth = phantom.rasterize(g.image(), 8);
    Mask roi = Mask.inside(SheppLogan.brainRegion(0.9).scaled(n / 2.0), g.image());
    Measured<Volume> run = Measurement.run(warmup, repeats, backend.parallelBeam(),
        () -> backend.parallelBeam().filteredBackProjection(sinogram, g, RampFilter.ramLak()));
    Comparison c = Comparison.of(run.result(), truth, roi);
    String size = n + "^2 from " + views + " views";
    report.row("FBP (ramp filter + back-projection)", where(backend), size, run.measurement(), (double) n * n * views,
        String.format(Locale.ROOT, "ROI RMSE %.5f, max %.4f", c.rmse(), c.maxError()));
    iradonPython.ifPresent(python -> {
      List<String> why = new ArrayList<>();
      Optional<IradonResult> r = IradonComparison.run(python, sinogram, g, truth, roi,
          Math.min(repeats, 3), why);
      if (r.isPresent()) {
        IradonResult ir = r.get();
        report.row("scikit-image iradon (same data)", "python", size, ir.measurement(), (double) n * n * views,
            String.format(Locale.ROOT, "ROI RMSE %.5f, max %.4f (%s); vip-recon is %.1fx faster", ir.roi().rmse(),
                ir.roi().maxError(), ir.orientation(), ir.measurement().medianMs() / run.measurement().medianMs()));
      } else {
        why.forEach(report::note);
      }
    });
    return run.result();
  }

  /** FDK of an n^3 volume from {@code views} exact cone-beam views (magnification 2); returns the volume. */
  public Volume fdk(Backend backend, int n, int views) {
    ConeBeamGeometry g = coneGeometry(n, views);
    Phantom3D phantom = SheppLogan.phantom3D(CONTRAST).scaled(n / 2.0);
    Volume projections = phantom.coneBeamProjections(g);
    Measured<Volume> run = Measurement.run(Math.min(warmup, 1), Math.min(repeats, 3), backend.coneBeam(),
        () -> backend.coneBeam().fdk(projections, g, RampFilter.ramLak()));
    String notes = "";
    if (n <= 256) {
      Volume truth = phantom.rasterize(g.volume(), 2);
      Comparison c = Comparison.of(run.result(), truth,
          Mask.inside(SheppLogan.brainRegion3D(0.9).scaled(n / 2.0), g.volume(), n / 8.0));
      notes = String.format(Locale.ROOT, "mid-slab ROI RMSE %.4f (2^3-sample truth)", c.rmse());
    }
    report.row("FDK (weight + filter + back-projection)", where(backend), n + "^3 from " + views + " views",
        run.measurement(), (double) n * n * n * views, notes);
    return run.result();
  }

  /** The cone-beam set-up of the benchmarks: unit voxels, source at 2n, detector at 4n, 1.25n pixels of 2 units. */
  public static ConeBeamGeometry coneGeometry(int n, int views) {
    int side = (int) Math.ceil(1.25 * n);
    return new ConeBeamGeometry(VolumeGrid.cube(n, n), new FlatDetector(side, side, 2, 2), AngleSet.fullTurn(views),
        2.0 * n, 4.0 * n);
  }

  /** Root-sum-of-squares MRI of n^2 x coils analytic k-space; returns the image. */
  public Volume mri(Backend backend, int n, int coils, Optional<Double> deviceGBs) {
    ImageGrid grid = ImageGrid.square(n, n);
    Phantom2D phantom = SheppLogan.phantom2D(CONTRAST).scaled(n / 2.0);
    SyntheticCoils c = SyntheticCoils.of(coils);
    ComplexVolume k = AnalyticKSpace.of(phantom, grid, c);
    Volume truth = AnalyticKSpace.rootSumOfSquaresTruth(phantom, grid, c, 8);
    Measured<Volume> run = Measurement.run(warmup, repeats, backend.mri(), () -> backend.mri().rootSumOfSquares(k));
    Comparison whole = Comparison.of(run.result(), truth, Mask.all(n, n, 1));
    String notes = String.format(Locale.ROOT, "NMSE %.2e whole image", whole.nmse());
    if (deviceGBs.isPresent() && run.measurement().stages().isPresent()) {
      // Least traffic: the FFT reads and writes every coil once, the combination reads it once more.
      double bytes = 8.0 * n * n * coils * 3 + 4.0 * n * n;
      double boundMs = bytes / (deviceGBs.get() * 1e9) * 1e3;
      notes += String.format(Locale.ROOT, "; device %.3f ms = %.2fx the %.3f ms bandwidth bound (%.0f GB/s copy)",
          run.measurement().stages().get().computeMs(), run.measurement().stages().get().computeMs() / boundMs, boundMs,
          deviceGBs.get());
    }
    report.row("MRI centred IFFT + RSS", where(backend), n + "^2 x " + coils + " coils", run.measurement(), 0, notes);
    return run.result();
  }

  /** MLEM on an n^2 image from {@code views} views; reports the time per iteration. */
  public Volume mlem(Backend backend, int n, int views, int iterations) {
    ParallelBeamGeometry g = ParallelBeamGeometry.standard(n, views, n);
    Volume activity = SheppLogan.phantom2D(CONTRAST).scaled(n / 2.0).rasterize(g.image(), 2);
    Volume data = backend.parallelBeam().project(activity, g);
    EmParameters p = new EmParameters(iterations, 1, 0, false);
    Measured<Volume> run = Measurement.run(Math.min(warmup, 1), Math.min(repeats, 5), backend.emission(),
        () -> backend.emission().reconstruct(data, g, p).image());
    Measurement perIteration = new Measurement(run.measurement().medianMs() / iterations,
        run.measurement().bestMs() / iterations, run.measurement().runs(),
        run.measurement().stages().map(s -> new StageTimings(s.uploadMs(),
            s.computeMs() / iterations, s.downloadMs())));
    report.row("MLEM iteration (A x, ratio, A^T, update)", where(backend), n + "^2, " + views + " views",
        perIteration, 2.0 * n * n * views,
        String.format(Locale.ROOT, "%d iterations per run; GUPS counts projection + back-projection", iterations));
    return run.result();
  }

  private static String where(Backend b) {
    return b.kind().name();
  }
}
