package org.vipboutiques.recon.cuda;

import java.util.Locale;

/** Who runs the CUDA back end's FFT steps. */
enum FftKind {
  /** cuFFT through JCufft 11.8.0 (needs libcufft.so.10, a CUDA 11.x cuFFT). */
  CUFFT("cuFFT"),
  /** The project's own Stockham/Bluestein FFT in PTX (src/main/cuda/fft.cu). */
  OWN("the own FFT");

  private final String label;

  FftKind(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /**
   * The choice of {@code -Dvip.recon.cudaFft}: {@code auto} (default: cuFFT where it loads and passes
   * its self-test, else the own FFT), {@code cufft} (cuFFT or no FFT on the GPU), {@code own}.
   */
  static java.util.List<FftKind> candidates() {
    String value = System.getProperty("vip.recon.cudaFft", "auto").trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "auto", "" -> java.util.List.of(CUFFT, OWN);
      case "cufft" -> java.util.List.of(CUFFT);
      case "own" -> java.util.List.of(OWN);
      default -> throw new IllegalArgumentException("-Dvip.recon.cudaFft=" + value
          + " is not one of auto, cufft, own");
    };
  }
}
