package org.vipboutiques.recon.filter;

import java.util.Arrays;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * Filters rows of samples with a ramp filter on the CPU (JTransforms real FFT, zero-padded to avoid
 * wrap-around). One instance per thread: the FFT plan is shared, the scratch row is not.
 */
public final class RowFilter {
  private final int length;
  private final int padded;
  private final float[] response;
  private final FloatFFT_1D fft;
  private final float[] scratch;

  /** A filter for rows of {@code length} samples spaced {@code spacing} apart. */
  public RowFilter(RampFilter filter, int length, double spacing) {
    this(length, RampFilter.paddedLength(length), filter.frequencyResponse(RampFilter.paddedLength(length), spacing),
        new FloatFFT_1D(RampFilter.paddedLength(length)));
  }

  private RowFilter(int length, int padded, float[] response, FloatFFT_1D fft) {
    this.length = length;
    this.padded = padded;
    this.response = response;
    this.fft = fft;
    this.scratch = new float[padded];
  }

  /** Another filter with the same plan and response but its own scratch row, for another thread. */
  public RowFilter forAnotherThread() {
    return new RowFilter(length, padded, response, fft);
  }

  public int length() {
    return length;
  }

  /**
   * Filters in[inOffset .. inOffset + length) into out[outOffset ..), reading and writing with the given
   * strides (so detector columns of a cone-beam projection can be filtered in place).
   */
  public void filter(float[] in, int inOffset, int inStride, float[] out, int outOffset, int outStride) {
    float[] a = scratch;
    for (int i = 0; i < length; i++) {
      a[i] = in[inOffset + i * inStride];
    }
    Arrays.fill(a, length, padded, 0f);
    fft.realForward(a);
    a[0] *= response[0];
    a[1] *= response[padded / 2];
    for (int m = 1; m < padded / 2; m++) {
      a[2 * m] *= response[m];
      a[2 * m + 1] *= response[m];
    }
    fft.realInverse(a, true);
    for (int i = 0; i < length; i++) {
      out[outOffset + i * outStride] = a[i];
    }
  }
}
