package org.vipboutiques.recon.mri;

import org.jtransforms.fft.FloatFFT_2D;
import org.jtransforms.fft.FloatFFT_3D;

/** An unscaled complex inverse FFT of one channel (2D when nz == 1, else 3D), interleaved, x fastest. */
final class InverseFft {
  private final FloatFFT_2D plan2;
  private final FloatFFT_3D plan3;

  InverseFft(int nx, int ny, int nz) {
    plan2 = nz == 1 ? new FloatFFT_2D(ny, nx) : null;
    plan3 = nz == 1 ? null : new FloatFFT_3D(nz, ny, nx);
  }

  void inverse(float[] a) {
    if (plan2 != null) {
      plan2.complexInverse(a, false);
    } else {
      plan3.complexInverse(a, false);
    }
  }
}
