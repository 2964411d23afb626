package org.vipboutiques.recon.cuda;

/**
 * The FFT steps of the CUDA kernels, on device memory: ramp-filtering zero-padded real rows (FBP, FDK)
 * and batched unnormalised inverse complex transforms in place (MRI). cuFFT runs them where JCufft's
 * libcufft.so.10 loads ({@link CufftSteps}); the project's own FFT everywhere else ({@link OwnFft}).
 * Implementations keep plans or tables until {@link #close()}; one call at a time.
 */
interface FftSteps extends AutoCloseable {

  /** Which implementation this is. */
  FftKind kind();

  /**
   * Filters {@code rows} real rows of length {@code p} (a power of two, zero-padded) in place:
   * row = IFFT(FFT(row) * H), H real and even, given as {@code response[0 .. p/2]} with the 1/p of
   * the inverse transform already applied.
   */
  void filterRows(DeviceBuffer rows, int p, int count, DeviceBuffer response);

  /** Device floats per row that {@link #filterRows} allocates while it runs (for chunk sizing). */
  long scratchFloatsPerRow(int p);

  /** Unnormalised inverse complex transforms over {@code dims} (slowest first), {@code batch} of them, in place. */
  void inverseInPlace(DeviceBuffer data, int[] dims, int batch);

  @Override
  void close();
}
