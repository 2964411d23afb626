package org.vipboutiques.recon.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vipboutiques.recon.backend.StageTimings;
import org.vipboutiques.recon.backend.Timed;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.mlem.EmParameters;
import org.vipboutiques.recon.mlem.EmResult;
import org.vipboutiques.recon.mlem.EmissionTomography;
import org.vipboutiques.recon.mlem.ViewSubsets;
import org.vipboutiques.recon.volume.Volume;

/**
 * The CUDA implementation of {@link EmissionTomography}: counts of every subset, sensitivities and the
 * image stay on the device for all iterations; each iteration is a projection, a ratio, a
 * back-projection and an update kernel. Not thread-safe.
 */
final class CudaEmissionTomography implements EmissionTomography, Timed {
  private static final int THREADS = 256;
  private static final int LL_BLOCKS = 256;

  private final CudaContext ctx;
  private final CudaParallelBeam operators;
  private volatile StageTimings last;

  CudaEmissionTomography(CudaContext ctx, CudaParallelBeam operators) {
    this.ctx = ctx;
    this.operators = operators;
  }

  @Override
  public Optional<StageTimings> lastTimings() {
    return Optional.ofNullable(last);
  }

  @Override
  public EmResult reconstruct(Volume counts, ParallelBeamGeometry geometry, EmParameters parameters) {
    EmissionTomography.requireCounts(counts, geometry);
    ctx.makeCurrent();
    ViewSubsets subsets = new ViewSubsets(geometry, parameters.subsets());
    int s = subsets.count();
    int slices = counts.nz();
    int imageSize = geometry.image().nx() * geometry.image().ny() * slices;
    ParallelBeamGeometry[] g = new ParallelBeamGeometry[s];
    DeviceBuffer[] dCounts = new DeviceBuffer[s];
    DeviceBuffer[] dViews = new DeviceBuffer[s];
    DeviceBuffer[] dSens = new DeviceBuffer[s];
    float background = (float) parameters.background();
    List<Double> likelihood = new ArrayList<>();
    Volume image = Volume.zeros(geometry.image().nx(), geometry.image().ny(), slices,
        geometry.imageSpacing(counts.spacing().dz()));
    try {
      int maxSino = 0;
      for (int m = 0; m < s; m++) {
        g[m] = subsets.geometry(m);
        maxSino = Math.max(maxSino, g[m].bins() * g[m].views() * slices);
      }
      try (DeviceBuffer dX = DeviceBuffer.floats(imageSize);
          DeviceBuffer dCorrection = DeviceBuffer.floats(imageSize);
          DeviceBuffer dProjection = DeviceBuffer.floats(maxSino);
          DeviceBuffer dPartial = DeviceBuffer.doubles(LL_BLOCKS)) {
        last = ctx.stages(() -> {
          for (int m = 0; m < s; m++) {
            dCounts[m] = DeviceBuffer.of(subsets.extract(counts, m).data());
            dViews[m] = DeviceBuffer.of(ViewConstants.parallel(g[m]));
          }
        }, () -> {
          double sensTotal = 0;
          float[] host = new float[imageSize];
          for (int m = 0; m < s; m++) {
            dSens[m] = DeviceBuffer.floats(imageSize);
            int n = sinogramSize(g[m], slices);
            fill(dProjection, 1f, n);
            operators.backProject(dProjection, g[m].bins(), (long) g[m].views() * g[m].bins(), g[m], dViews[m], dSens[m],
                slices, (float) g[m].projectorWeight());
            dSens[m].download(host, 0, imageSize);
            for (float v : host) {
              sensTotal += v;
            }
          }
          double totalCounts = 0;
          for (float c : counts.data()) {
            totalCounts += c;
          }
          fill(dX, EmissionTomography.initialLevel(totalCounts, sensTotal), imageSize);
          boolean track = parameters.trackLikelihood();
          if (track && s > 1) {
            likelihood.add(fullLikelihood(dX, g, dViews, dCounts, dProjection, dPartial, slices, background));
          }
          for (int it = 0; it < parameters.iterations(); it++) {
            for (int m = 0; m < s; m++) {
              int n = sinogramSize(g[m], slices);
              operators.project(dX, g[m], dViews[m], dProjection, slices);
              if (track && s == 1) {
                likelihood.add(likelihood(dCounts[m], dProjection, n, background, dPartial));
              }
              ctx.kernel("emission", "ratio").launch(Dim3.of(Dim3.blocks(n, THREADS), 1, 1), Dim3.of(THREADS, 1, 1),
                  dCounts[m], dProjection, background, n);
              operators.backProject(dProjection, g[m].bins(), (long) g[m].views() * g[m].bins(), g[m], dViews[m],
                  dCorrection, slices, (float) g[m].projectorWeight());
              ctx.kernel("emission", "update").launch(Dim3.of(Dim3.blocks(imageSize, THREADS), 1, 1),
                  Dim3.of(THREADS, 1, 1), dX, dCorrection, dSens[m], imageSize);
            }
            if (track && (s > 1 || it == parameters.iterations() - 1)) {
              likelihood.add(fullLikelihood(dX, g, dViews, dCounts, dProjection, dPartial, slices, background));
            }
          }
        }, () -> dX.download(image.data(), 0, imageSize));
      }
    } finally {
      for (int m = 0; m < s; m++) {
        close(dCounts[m]);
        close(dViews[m]);
        close(dSens[m]);
      }
    }
    return new EmResult(image, likelihood);
  }

  private double fullLikelihood(DeviceBuffer dX, ParallelBeamGeometry[] g, DeviceBuffer[] dViews,
      DeviceBuffer[] dCounts, DeviceBuffer dProjection, DeviceBuffer dPartial, int slices, float background) {
    double sum = 0;
    for (int m = 0; m < g.length; m++) {
      operators.project(dX, g[m], dViews[m], dProjection, slices);
      sum += likelihood(dCounts[m], dProjection, sinogramSize(g[m], slices), background, dPartial);
    }
    return sum;
  }

  private double likelihood(DeviceBuffer dCounts, DeviceBuffer dProjection, int n, float background,
      DeviceBuffer dPartial) {
    ctx.kernel("emission", "log_likelihood").launch(Dim3.of(LL_BLOCKS, 1, 1), Dim3.of(THREADS, 1, 1),
        dCounts, dProjection, background, n, dPartial);
    double[] partial = new double[LL_BLOCKS];
    dPartial.download(partial);
    double sum = 0;
    for (double p : partial) {
      sum += p;
    }
    return sum;
  }

  private void fill(DeviceBuffer buffer, float value, int n) {
    ctx.kernel("emission", "fill").launch(Dim3.of(Dim3.blocks(n, THREADS), 1, 1), Dim3.of(THREADS, 1, 1),
        buffer, value, n);
  }

  private static int sinogramSize(ParallelBeamGeometry g, int slices) {
    return g.bins() * g.views() * slices;
  }

  private static void close(DeviceBuffer b) {
    if (b != null) {
      b.close();
    }
  }
}
