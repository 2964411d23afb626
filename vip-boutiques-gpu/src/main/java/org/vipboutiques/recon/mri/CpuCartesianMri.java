package org.vipboutiques.recon.mri;

import java.util.stream.IntStream;
import org.vipboutiques.recon.volume.ComplexVolume;
import org.vipboutiques.recon.volume.Volume;

/**
 * The CPU implementation of {@link CartesianMri} with JTransforms. The two shifts are done as index
 * remapping while copying into and out of the FFT buffer, so they cost no extra pass over the data;
 * coils run in parallel.
 */
public final class CpuCartesianMri implements CartesianMri {

  @Override
  public ComplexVolume centredInverseFft(ComplexVolume kspace) {
    int nx = kspace.nx();
    int ny = kspace.ny();
    int nz = kspace.nz();
    int n = kspace.channelSize();
    float scale = (float) (1 / Math.sqrt(n));
    ComplexVolume out = ComplexVolume.zeros(nx, ny, nz, kspace.channels(), kspace.imageSpacing());
    // JTransforms plans are reused per thread: sharing one across threads is not documented as safe.
    ThreadLocal<InverseFft> plans = ThreadLocal.withInitial(() -> new InverseFft(nx, ny, nz));
    float[] in = kspace.data();
    float[] res = out.data();
    IntStream.range(0, kspace.channels()).parallel().forEach(c -> {
      float[] a = new float[2 * n];
      int base = 2 * c * n;
      for (int z = 0; z < nz; z++) {
        int zs = (z + nz / 2) % nz;
        for (int y = 0; y < ny; y++) {
          int ys = (y + ny / 2) % ny;
          for (int x = 0; x < nx; x++) {
            int xs = (x + nx / 2) % nx;
            int src = base + 2 * ((zs * ny + ys) * nx + xs);
            int dst = 2 * ((z * ny + y) * nx + x);
            a[dst] = in[src];
            a[dst + 1] = in[src + 1];
          }
        }
      }
      plans.get().inverse(a);
      for (int z = 0; z < nz; z++) {
        int zd = (z + nz / 2) % nz;
        for (int y = 0; y < ny; y++) {
          int yd = (y + ny / 2) % ny;
          for (int x = 0; x < nx; x++) {
            int xd = (x + nx / 2) % nx;
            int src = 2 * ((z * ny + y) * nx + x);
            int dst = base + 2 * ((zd * ny + yd) * nx + xd);
            res[dst] = a[src] * scale;
            res[dst + 1] = a[src + 1] * scale;
          }
        }
      }
    });
    return out;
  }

  @Override
  public Volume rootSumOfSquares(ComplexVolume kspace) {
    ComplexVolume images = centredInverseFft(kspace);
    int n = images.channelSize();
    int coils = images.channels();
    float[] d = images.data();
    float[] rss = new float[n];
    IntStream.range(0, n).parallel().forEach(p -> {
      double sum = 0;
      for (int c = 0; c < coils; c++) {
        double re = d[2 * (c * n + p)];
        double im = d[2 * (c * n + p) + 1];
        sum += re * re + im * im;
      }
      rss[p] = (float) Math.sqrt(sum);
    });
    return Volume.wrap(images.nx(), images.ny(), images.nz(), images.spacing(), rss);
  }

}
