package org.vipboutiques.recon.mlem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.vipboutiques.recon.fbp.CpuParallelBeam;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.volume.Volume;

/** The CPU implementation of {@link EmissionTomography}, on {@link CpuParallelBeam}'s projector pair. */
public final class CpuEmissionTomography implements EmissionTomography {
  private final CpuParallelBeam operators = new CpuParallelBeam();

  @Override
  public EmResult reconstruct(Volume counts, ParallelBeamGeometry geometry, EmParameters parameters) {
    EmissionTomography.requireCounts(counts, geometry);
    ViewSubsets subsets = new ViewSubsets(geometry, parameters.subsets());
    int s = subsets.count();
    ParallelBeamGeometry[] geometries = new ParallelBeamGeometry[s];
    Volume[] data = new Volume[s];
    Volume[] sensitivity = new Volume[s];
    for (int m = 0; m < s; m++) {
      geometries[m] = subsets.geometry(m);
      data[m] = subsets.extract(counts, m);
      Volume ones = Volume.zeros(counts.nx(), geometries[m].views(), counts.nz(), counts.spacing());
      Arrays.fill(ones.data(), 1f);
      sensitivity[m] = operators.backProject(ones, geometries[m]);
    }
    float background = (float) parameters.background();
    Volume x = initialImage(counts, geometry, sensitivity, s);
    List<Double> likelihood = new ArrayList<>();
    boolean track = parameters.trackLikelihood();
    if (track && s > 1) {
      likelihood.add(logLikelihood(x, counts, geometry, background));
    }
    for (int it = 0; it < parameters.iterations(); it++) {
      for (int m = 0; m < s; m++) {
        Volume ratio = operators.project(x, geometries[m]);
        float[] r = ratio.data();
        if (track && s == 1) {
          // MLEM: the projection of the current image already gives its likelihood.
          likelihood.add(likelihood(counts.data(), r, background));
        }
        float[] y = data[m].data();
        IntStream.range(0, r.length).parallel().forEach(i -> {
          float mean = r[i] + background;
          r[i] = mean > 0 ? y[i] / mean : 0f;
        });
        float[] correction = operators.backProject(ratio, geometries[m]).data();
        float[] sens = sensitivity[m].data();
        float[] img = x.data();
        IntStream.range(0, img.length).parallel().forEach(i ->
            img[i] = sens[i] > 0 ? img[i] * correction[i] / sens[i] : 0f);
      }
      if (track && (s > 1 || it == parameters.iterations() - 1)) {
        likelihood.add(logLikelihood(x, counts, geometry, background));
      }
    }
    return new EmResult(x, likelihood);
  }

  /** A uniform image whose projections hold as many counts as the data. */
  private static Volume initialImage(Volume counts, ParallelBeamGeometry g, Volume[] sensitivity, int subsets) {
    double total = 0;
    for (float c : counts.data()) {
      total += c;
    }
    double sens = 0;
    for (int m = 0; m < subsets; m++) {
      for (float v : sensitivity[m].data()) {
        sens += v;
      }
    }
    Volume x = Volume.zeros(g.image().nx(), g.image().ny(), counts.nz(), g.imageSpacing(counts.spacing().dz()));
    Arrays.fill(x.data(), EmissionTomography.initialLevel(total, sens));
    return x;
  }

  private double logLikelihood(Volume x, Volume counts, ParallelBeamGeometry g, float background) {
    return likelihood(counts.data(), operators.project(x, g).data(), background);
  }

  private static double likelihood(float[] counts, float[] projection, float background) {
    float[] mean = projection.clone();
    for (int i = 0; i < mean.length; i++) {
      mean[i] += background;
    }
    return PoissonLikelihood.of(counts, mean);
  }
}
