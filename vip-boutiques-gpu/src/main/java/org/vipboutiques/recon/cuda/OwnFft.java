package org.vipboutiques.recon.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;

import java.util.HashMap;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The project's own FFT on the GPU (kernels in src/main/cuda/fft.cu), for machines where cuFFT does not
 * load: Stockham radix-4/2 passes for powers of two, Bluestein's chirp z-transform (a power-of-two
 * circular convolution) for other lengths, each axis of a multi-dimensional batch in turn. Ramp filtering
 * packs two real rows into one complex row, so it costs what cuFFT's R2C/C2R pair costs in passes.
 * Twiddle and chirp tables are computed in double on the host and kept per length until {@link #close()}.
 */
final class OwnFft implements FftSteps {
  private static final int THREADS = 256;
  /** Device memory the ramp filter's two scratch buffers may take together. */
  static final long FILTER_SCRATCH_BYTES = 256L << 20;

  private final CudaContext ctx;
  private final long filterScratchBytes;
  private final Map<Integer, DeviceBuffer> twiddles = new HashMap<>();
  private final Map<Integer, DeviceBuffer[]> chirps = new HashMap<>();

  OwnFft(CudaContext ctx) {
    this(ctx, FILTER_SCRATCH_BYTES);
  }

  /** With a smaller scratch budget, tests make a few rows go through in several groups. */
  OwnFft(CudaContext ctx, long filterScratchBytes) {
    this.ctx = ctx;
    this.filterScratchBytes = filterScratchBytes;
  }

  @Override
  public FftKind kind() {
    return FftKind.OWN;
  }

  @Override
  public void filterRows(DeviceBuffer rows, int p, int count, DeviceBuffer response) {
    requirePowerOfTwo(p);
    // Rows go through in groups, so that the two complex scratch buffers stay within filterScratchBytes
    // (FDK 512^3 from 360 views of 640^2 would otherwise need 3.8 GB of scratch, twice cuFFT's spectrum).
    long pairsPerGroup = Math.max(1, filterScratchBytes / (2L * 8 * p));
    long groupPairs = Math.min(pairsPerGroup, (count + 1L) / 2);
    try (DeviceBuffer a = DeviceBuffer.floats(2 * groupPairs * p);
        DeviceBuffer b = DeviceBuffer.floats(2 * groupPairs * p)) {
      for (long first = 0; first < count; first += 2 * groupPairs) {
        int n = (int) Math.min(2 * groupPairs, count - first);
        long total = (n + 1L) / 2 * p;
        Object group = rows.at(first * p);
        launch("pack_pairs", total, group, a, p, n, total);
        DeviceBuffer[] buffers = {a, b};
        int at = passes(buffers, 0, p, 1, total, false);
        launch("multiply_even_response", total, buffers[at], response, p, total);
        at = passes(buffers, at, p, 1, total, true);
        launch("unpack_pairs", total, buffers[at], group, p, n, total);
      }
    }
  }

  @Override
  public long scratchFloatsPerRow(int p) {
    // At most two complex buffers of (count + 1) / 2 rows each: 2p floats per row, plus one row's rounding.
    return 2L * p + 2;
  }

  @Override
  public void inverseInPlace(DeviceBuffer data, int[] dims, int batch) {
    transform(data, dims, batch, true);
  }

  /** Unnormalised complex transforms over {@code dims} (slowest first), {@code batch} of them, in place. */
  void transform(DeviceBuffer data, int[] dims, int batch, boolean inverse) {
    long total = batch;
    for (int d : dims) {
      total *= d;
    }
    try (DeviceBuffer scratch = DeviceBuffer.floats(2 * total)) {
      DeviceBuffer[] buffers = {data, scratch};
      int at = 0;
      long stride = 1;
      for (int axis = dims.length - 1; axis >= 0; axis--) {
        int n = dims[axis];
        if (n > 1 && Integer.bitCount(n) == 1) {
          at = passes(buffers, at, n, stride, total, inverse);
        } else if (n > 1) {
          bluestein(buffers[at], n, stride, total, inverse);
        }
        stride *= n;
      }
      if (at != 0) {
        cuMemcpyDtoD(data.pointer(), scratch.pointer(), 8 * total);
      }
    }
  }

  /**
   * The Stockham passes of a power-of-two length n along an axis of element stride {@code stride}, over
   * {@code total} complex values starting in buffers[at]; returns the index of the buffer holding the result.
   */
  private int passes(DeviceBuffer[] buffers, int at, int n, long stride, long total, boolean inverse) {
    requirePowerOfTwo(n);
    int strideInt = Math.toIntExact(stride);
    DeviceBuffer table = twiddle(n);
    float conj = inverse ? -1f : 1f;
    int s = 1;
    while (s < n) {
      int remaining = n / s;
      int radix = remaining % 4 == 0 ? 4 : 2;
      long butterflies = total / radix;
      launch(radix == 4 ? "stockham4" : "stockham2", butterflies, buffers[at], buffers[1 - at], table, n, s,
          strideInt, butterflies, conj);
      at = 1 - at;
      s *= radix;
    }
    return at;
  }

  /** Bluestein's transform of length n (any) along an axis of {@code data}, in place. */
  private void bluestein(DeviceBuffer data, int n, long stride, long total, boolean inverse) {
    int m = Integer.highestOneBit(2 * n - 1) << (Integer.bitCount(2 * n - 1) == 1 ? 0 : 1);
    long lines = total / n;
    long work = lines * m;
    DeviceBuffer[] tables = chirp(n, m, inverse);
    int strideInt = Math.toIntExact(stride);
    try (DeviceBuffer a = DeviceBuffer.floats(2 * work); DeviceBuffer b = DeviceBuffer.floats(2 * work)) {
      launch("chirp_gather", work, data, a, tables[0], n, m, strideInt, work);
      DeviceBuffer[] buffers = {a, b};
      int at = passes(buffers, 0, m, 1, work, false);
      launch("pointwise_multiply", work, buffers[at], tables[1], m, work);
      at = passes(buffers, at, m, 1, work, true);
      launch("chirp_scatter", total, buffers[at], data, tables[0], n, m, strideInt, total);
    }
  }

  private void launch(String kernel, long threads, Object... args) {
    ctx.kernel("fft", kernel).launch(Dim3.of(Dim3.blocks(threads, THREADS), 1, 1), Dim3.of(THREADS, 1, 1), args);
  }

  /** twiddle[k] = exp(-2 pi i k / n), k < n. */
  private DeviceBuffer twiddle(int n) {
    return twiddles.computeIfAbsent(n, len -> {
      float[] t = new float[2 * len];
      for (int k = 0; k < len; k++) {
        double angle = -2 * Math.PI * k / len;
        t[2 * k] = (float) Math.cos(angle);
        t[2 * k + 1] = (float) Math.sin(angle);
      }
      return DeviceBuffer.of(t);
    });
  }

  /**
   * Bluestein's tables for length n, convolution length m and a direction: chirp[j] = exp(-+i pi j^2 / n)
   * (j^2 reduced mod 2n in integers, so that large j lose no precision), and the spectrum of the
   * conjugate chirp laid out circularly, divided by m (the inverse transform's normalisation).
   */
  private DeviceBuffer[] chirp(int n, int m, boolean inverse) {
    int key = inverse ? -n : n;
    return chirps.computeIfAbsent(key, k -> {
      double sign = inverse ? 1 : -1;
      float[] chirp = new float[2 * n];
      double[] filter = new double[2 * m];
      for (int j = 0; j < n; j++) {
        double angle = sign * Math.PI * ((long) j * j % (2L * n)) / n;
        chirp[2 * j] = (float) Math.cos(angle);
        chirp[2 * j + 1] = (float) Math.sin(angle);
        double re = Math.cos(angle);
        double im = -Math.sin(angle);
        filter[2 * j] = re;
        filter[2 * j + 1] = im;
        if (j > 0) {
          filter[2 * (m - j)] = re;
          filter[2 * (m - j) + 1] = im;
        }
      }
      new DoubleFFT_1D(m).complexForward(filter);
      float[] spectrum = new float[2 * m];
      for (int i = 0; i < 2 * m; i++) {
        spectrum[i] = (float) (filter[i] / m);
      }
      return new DeviceBuffer[] {DeviceBuffer.of(chirp), DeviceBuffer.of(spectrum)};
    });
  }

  private static void requirePowerOfTwo(int n) {
    if (n < 2 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("the Stockham passes need a power-of-two length, got " + n);
    }
  }

  @Override
  public void close() {
    twiddles.values().forEach(DeviceBuffer::close);
    twiddles.clear();
    chirps.values().forEach(t -> {
      t[0].close();
      t[1].close();
    });
    chirps.clear();
  }
}
