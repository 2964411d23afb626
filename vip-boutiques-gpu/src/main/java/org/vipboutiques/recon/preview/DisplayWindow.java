package org.vipboutiques.recon.preview;

import java.util.Arrays;
import org.vipboutiques.recon.volume.Volume;

/** The grey-level window of a preview: values at or below {@code low} are black, at or above {@code high} white. */
public record DisplayWindow(double low, double high) {
  public DisplayWindow {
    if (!Double.isFinite(low) || !Double.isFinite(high) || !(high > low)) {
      throw new IllegalArgumentException("window needs finite low < high, got " + low + ", " + high);
    }
  }

  /** The 1st to 99th percentile of the volume's values (min..max when that range is empty). */
  public static DisplayWindow auto(Volume volume) {
    float[] sorted = volume.data().clone();
    Arrays.sort(sorted);
    double lo = sorted[(int) Math.floor(0.01 * (sorted.length - 1))];
    double hi = sorted[(int) Math.ceil(0.99 * (sorted.length - 1))];
    if (!(hi > lo)) {
      lo = sorted[0];
      hi = sorted[sorted.length - 1];
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    return new DisplayWindow(lo, hi);
  }

  /** Parses "low,high". */
  public static DisplayWindow parse(String text) {
    String[] parts = text.split(",");
    if (parts.length != 2) {
      throw new IllegalArgumentException("window must be 'low,high', got '" + text + "'");
    }
    return new DisplayWindow(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
  }

  int grey(float v) {
    double t = (v - low) / (high - low);
    return (int) Math.round(255 * Math.max(0, Math.min(1, t)));
  }
}
