package org.vipboutiques.recon.cli;

import java.util.Locale;
import org.vipboutiques.recon.backend.Timed;

/** The one-line timing report the commands print after a reconstruction. */
final class Timing {
  private Timing() {
  }

  static String describe(Object kernel, long nanos) {
    String s = String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    if (kernel instanceof Timed t && t.lastTimings().isPresent()) {
      s += " (" + t.lastTimings().get() + ")";
    }
    return s;
  }
}
