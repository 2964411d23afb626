package org.vipboutiques.recon.cli;

import org.vipboutiques.recon.filter.FilterWindow;
import org.vipboutiques.recon.filter.RampFilter;
import picocli.CommandLine.Option;

/** --filter WINDOW and --cutoff F: the ramp filter of a filtered back-projection. */
final class FilterOptions {
  @Option(names = "--filter", defaultValue = "ram-lak", paramLabel = "WINDOW",
      description = "Ramp filter window: ram-lak, shepp-logan, cosine, hamming, hann. Default: ${DEFAULT-VALUE}.")
  String filter;

  @Option(names = "--cutoff", defaultValue = "1", paramLabel = "F",
      description = "Cutoff as a fraction of Nyquist, in (0, 1]. Default: ${DEFAULT-VALUE}.")
  double cutoff;

  RampFilter ramp() {
    return new RampFilter(FilterWindow.parse(filter), cutoff);
  }
}
