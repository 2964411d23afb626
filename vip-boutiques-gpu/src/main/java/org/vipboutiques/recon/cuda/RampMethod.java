package org.vipboutiques.recon.cuda;

import java.util.Locale;

/** How the CUDA back end ramp-filters the rows of FBP and FDK. */
enum RampMethod {
  /** Measure both on the device at the first batch of each row length, keep the faster for the process. */
  AUTO("chosen by measurement"),
  /** A product with the response in the frequency domain (cuFFT or the own FFT). */
  FFT("the FFT"),
  /** A direct convolution with the filter's spatial kernel (src/main/cuda/ramp.cu). */
  DIRECT("direct convolution");

  private final String label;

  RampMethod(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /** The choice of {@code -Dvip.recon.rampFilter=auto|fft|direct} (default auto). */
  static RampMethod fromProperty() {
    String value = System.getProperty("vip.recon.rampFilter", "auto").trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "auto", "" -> AUTO;
      case "fft" -> FFT;
      case "direct" -> DIRECT;
      default -> throw new IllegalArgumentException("-Dvip.recon.rampFilter=" + value
          + " is not one of auto, fft, direct");
    };
  }
}
