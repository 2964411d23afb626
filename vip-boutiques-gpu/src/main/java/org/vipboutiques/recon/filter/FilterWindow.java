package org.vipboutiques.recon.filter;

import java.util.Locale;

/**
 * Apodisation windows of the ramp filter, as functions of the normalised frequency nu = f / f_Nyquist in
 * [0, 1] (the same curves as scikit-image's iradon, with w = pi * fftfreq = pi * nu / 2).
 */
public enum FilterWindow {
  /** Plain ramp. */
  RAM_LAK {
    @Override
    double weight(double nu) {
      return 1;
    }
  },
  /** sin(w) / w with w = pi nu / 2. */
  SHEPP_LOGAN {
    @Override
    double weight(double nu) {
      double w = Math.PI * nu / 2;
      return w == 0 ? 1 : StrictMath.sin(w) / w;
    }
  },
  /** cos(pi nu / 2). */
  COSINE {
    @Override
    double weight(double nu) {
      return StrictMath.cos(Math.PI * nu / 2);
    }
  },
  /** 0.54 + 0.46 cos(pi nu). */
  HAMMING {
    @Override
    double weight(double nu) {
      return 0.54 + 0.46 * StrictMath.cos(Math.PI * nu);
    }
  },
  /** 0.5 + 0.5 cos(pi nu). */
  HANN {
    @Override
    double weight(double nu) {
      return 0.5 + 0.5 * StrictMath.cos(Math.PI * nu);
    }
  };

  /** Window value at normalised frequency nu in [0, 1]. */
  abstract double weight(double nu);

  /** Parses ram-lak, shepp-logan, cosine, hamming, hann (case and '-'/'_' insensitive; "ramp" is Ram-Lak). */
  public static FilterWindow parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    if (n.equals("ramp") || n.equals("ramlak")) {
      return RAM_LAK;
    }
    for (FilterWindow w : values()) {
      if (w.name().toLowerCase(Locale.ROOT).equals(n)) {
        return w;
      }
    }
    throw new IllegalArgumentException(
        "unknown filter window '" + name + "' (expected ram-lak, shepp-logan, cosine, hamming or hann)");
  }

  /** The command-line spelling, e.g. shepp-logan. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
